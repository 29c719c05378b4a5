# Thông điệp của vanban (check), tiếng Việt. Cùng các mã như ../en/check.ftl.ftl.
