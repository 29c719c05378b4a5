# Thông điệp của vanban (cli), tiếng Việt. Cùng các mã như ../en/cli.ftl.ftl.
