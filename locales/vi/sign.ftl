# Thông điệp của vanban (sign), tiếng Việt. Cùng các mã như ../en/sign.ftl.ftl.
