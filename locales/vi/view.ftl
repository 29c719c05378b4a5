# Thông điệp của vanban (view), tiếng Việt. Cùng các mã như ../en/view.ftl.ftl.
