# Thông điệp của vanban (in hai thư A5 trên một tờ A4), tiếng Việt. Cùng các mã như ../en/print.ftl.

## Kiểm tra `print:` và `cut_line:` trong `invitation:` của một sự kiện
print-two-up-not-a5 = `print: two-up` (in hai giấy mời A5 trên một tờ A4) chỉ dùng cho giấy mời khổ A5, mà giấy mời này khổ A4
print-two-up-not-a5-hint = in hai giấy mời trên một tờ A4 cần giấy mời khổ A5: thêm `paper: a5`, hoặc viết `print: single` (mỗi trang một giấy mời)
print-cut-line-single = `cut_line` (đường cắt) chỉ dùng với `print: two-up`
print-cut-line-single-hint = đường cắt được kẻ giữa hai giấy mời trên cùng một tờ A4: thêm `print: two-up` (và `paper: a5`), hoặc bỏ dòng `cut_line`

## In hai giấy mời A5 trên một tờ A4
print-two-up-too-long = giấy mời gửi { $name } dài { $pages } trang A5, nên không in được hai giấy mời A5 trên một tờ A4 (mỗi nửa tờ chỉ chứa một trang)
print-two-up-too-long-others = (và { $count } giấy mời khác cũng dài hơn một trang)
print-two-up-too-long-hint = rút gọn giấy mời cho vừa một trang A5 (bớt dòng lịch làm việc hoặc ghi chú), hoặc viết `print: single` (mỗi trang một giấy mời)
print-no-media-box = một trang không có khổ giấy (media box)
print-page-too-large = một trang khổ { $width } × { $height } pt không vừa nửa tờ A4
