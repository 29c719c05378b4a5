# Thông điệp của vanban (in hai thư A5 trên một tờ A4), tiếng Việt. Cùng các mã như ../en/print.ftl.
