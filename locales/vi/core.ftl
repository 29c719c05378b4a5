# Thông điệp chung của vanban, tiếng Việt: cách in một vấn đề, lỗi đọc ghi
# tệp. Cùng các mã như ../en/core.ftl; mỗi thông điệp có cùng các đối số.

## Cách in một vấn đề
diag-error = lỗi
diag-warning = cảnh báo
diag-hint = gợi ý: { $text }
diag-errors-nothing-written = { $count } lỗi; chưa ghi tệp nào

## Đọc và ghi tệp
read-failed = không đọc được `{ $path }`: { $reason }
write-failed = không ghi được `{ $path }`: { $reason }
read-hint-not-found = kiểm tra lại đường dẫn; đường dẫn tính từ thư mục đang đứng
read-hint-permission = bạn không có quyền đọc tệp này
write-hint-disk-full = ổ đĩa đã đầy: giải phóng chỗ trống rồi dựng lại; chưa tệp nào bị thay
write-hint-folder = kiểm tra thư mục kết quả có tồn tại và ghi được không; chưa tệp nào bị thay

## Lý do hệ điều hành trả về
io-not-found = không có tệp hay thư mục này
io-permission-denied = không có quyền
io-already-exists = đã có
io-storage-full = ổ đĩa đã đầy
io-is-a-directory = đây là thư mục, không phải tệp
io-not-a-directory = một phần của đường dẫn không phải thư mục
io-read-only = ổ đĩa chỉ cho đọc
io-invalid-data = dữ liệu không hợp lệ
problems-found = có { $count } vấn đề

## Tệp đầu vào (danh sách, ảnh, mẫu, phông chữ)
input-not-a-file = `{ $path }` là { $what }, không phải tệp
input-too-large = `{ $path }` nặng { $size }, quá mức { $limit } cho loại tệp này
input-kind-folder = một thư mục
input-kind-fifo = một ống dẫn (FIFO)
input-kind-socket = một socket
input-kind-device = một thiết bị
input-kind-other = không phải tệp thường
input-outside-folder = `{ $path }` nằm ngoài thư mục { $folder }
input-outside-folder-leads = `{ $path }` nằm ngoài thư mục { $folder } (nó dẫn tới `{ $lead }`)
input-outside-folders = `{ $path }` nằm ngoài các thư mục { $folders }
input-outside-folders-leads = `{ $path }` nằm ngoài các thư mục { $folders } (nó dẫn tới `{ $lead }`)
input-size-bytes = { $bytes } byte
input-hint-too-large = kiểm tra xem có đúng tệp không
input-hint-saved-file = hãy ghi đường dẫn của một tệp đã lưu
