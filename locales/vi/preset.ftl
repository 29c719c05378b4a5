# Thông điệp của vanban (preset), tiếng Việt. Cùng các mã như ../en/preset.ftl.ftl.
