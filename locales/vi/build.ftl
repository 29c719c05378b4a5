# Thông điệp của vanban (build), tiếng Việt. Cùng các mã như ../en/build.ftl.ftl.
