# Thông điệp của vanban (data), tiếng Việt. Cùng các mã như ../en/data.ftl.ftl.
