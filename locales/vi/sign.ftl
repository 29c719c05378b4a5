# Thông điệp của vanban (sign), tiếng Việt. Cùng các mã như ../en/sign.ftl.

## Khóa và chứng thư số
sign-wrong-password = mật khẩu không mở được `{ $path }`
sign-not-pkcs12 = `{ $path }` không phải tệp PKCS#12 mà vanban đọc được: { $reason }
sign-no-key-file = { $path } không chứa khóa bí mật nào
sign-no-key-token = token không chứa khóa bí mật nào
sign-not-rsa = khóa trong { $path } không phải khóa RSA: vanban ký bằng RSA (PKCS#1 v1.5, SHA-256)
sign-no-certificate-file = { $path } không có chứng thư số cho khóa của nó
sign-no-certificate-token = token không có chứng thư số cho khóa của nó
sign-no-certificate-token-key = khóa { $id } trên token không có chứng thư số đi kèm
sign-no-certificate = không có chứng thư số của người ký
sign-expired = chứng thư số của { $subject } đã hết hạn ngày { $on }
sign-not-yet-valid = chứng thư số của { $subject } chỉ có hiệu lực từ ngày { $from }
sign-key-failed = khóa không ký được: { $reason }
sign-encoding = lỗi khi mã hóa chữ ký số: { $reason }

## Thiết bị ký số (PKCS#11)
sign-module = không nạp được mô-đun PKCS#11 `{ $path }`: { $reason }
sign-no-token = chưa cắm thiết bị ký số nào (mô-đun không thấy token nào)
sign-no-token-labelled = không có token nào mang nhãn `{ $label }`; đang cắm: { $found }
sign-several-tokens = đang cắm nhiều token: { $found }
sign-wrong-pin = token từ chối mã PIN
sign-token-locked = token đã bị khóa: nhập sai mã PIN quá nhiều lần
sign-pin-expired = mã PIN của token đã hết hạn
sign-several-keys = token chứa nhiều khóa: { $ids }
sign-key-id = `{ $id }` không phải mã khóa: hãy viết ở dạng hex, ví dụ `--key-id 01`
sign-token-error = lỗi token: { $reason }
sign-token-pin-each-signature = khóa này đòi mã PIN cho mỗi lần ký, điều mà vanban chỉ làm được với SHA256-RSA-PKCS: hãy ký với `--mechanism sha256-rsa-pkcs`
sign-token-no-sha256-rsa-pkcs = token không hỗ trợ SHA256-RSA-PKCS
sign-token-no-rsa-pkcs = token không hỗ trợ RSA-PKCS
sign-token-no-mechanism = token không hỗ trợ cả SHA256-RSA-PKCS lẫn RSA-PKCS

## Máy chủ cấp dấu thời gian
sign-tsa = máy chủ cấp dấu thời gian: { $reason }
sign-tsa-not-a-response = câu trả lời không phải phản hồi dấu thời gian: { $reason }
sign-tsa-refused = máy chủ từ chối yêu cầu (mã trạng thái { $status })
sign-tsa-no-token = câu trả lời không chứa dấu thời gian
sign-tsa-not-http = `{ $url }` không phải địa chỉ http:// (dấu thời gian do máy chủ ký nên được cấp qua HTTP thường)
sign-tsa-unreachable = không kết nối được { $url }: { $reason }
sign-tsa-no-http = { $url } không trả lời theo HTTP
sign-tsa-answered = { $url } trả lời `{ $status }`

## Tệp PDF
sign-pdf-no-room = chữ ký số chiếm { $size } byte, nhưng chỉ để dành { $room } byte cho nó
sign-pdf-no-startxref = không có startxref ở cuối tệp
sign-pdf-startxref-offset = startxref không có vị trí
sign-pdf-encrypted = tệp đã được mã hóa
sign-pdf-no-page = tệp có { $pages } trang, nhưng chữ ký số nằm ở trang { $page }
sign-pdf-too-large = tệp quá lớn, không ký được
sign-appearance = hình thức chữ ký số: { $reason }
sign-appearance-no-page = hình thức chữ ký số không có trang nào
sign-appearance-source = hình thức chữ ký số
sign-image-changed = `{ $path }` không còn là ảnh đã được dàn trang khi dựng: ảnh đã thay đổi từ đó
sign-hint-image-changed = hãy dựng lại (khi dựng, vanban đo kích thước ảnh), rồi ký

## Các tệp một lần tạo để lại
sign-no-build = `{ $path }` không chứa kết quả dựng nào của vanban để ký (không đọc được manifest.json)
sign-hint-no-build = hãy dựng trước: `vanban build DATA -o FOLDER`, rồi `vanban sign FOLDER`
sign-copy-unsigned = `{ $path }` là bản sao của một văn bản chưa có chữ ký số của người ký
sign-hint-copy-unsigned = hãy ký văn bản đó trước bằng `vanban sign FOLDER --role signer`
sign-not-signed-yet = `{ $path }` chưa có chữ ký số của người ký
sign-hint-not-signed-yet = cơ quan, tổ chức ký sau người ký: hãy chạy `vanban sign FOLDER --role signer` trước
sign-changed = `{ $path }` không còn như khi dựng xong
sign-unreadable = không đọc được `{ $path }`
sign-hint-build-again = hãy dựng lại, rồi ký

## Cần làm gì
sign-hint-wrong-password = hãy nhập mật khẩu qua VANBAN_PIN hoặc khi được hỏi; chưa ký tệp nào
sign-hint-wrong-pin = hãy thử lại với mã PIN đúng; chưa ký tệp nào (token có đếm số lần nhập sai)
sign-hint-token-locked = hãy mở khóa token bằng mã PUK hoặc công cụ của tổ chức cung cấp dịch vụ chứng thực
sign-hint-certificate-dates = hãy ký bằng chứng thư số còn hiệu lực hôm nay (gia hạn với tổ chức cung cấp dịch vụ chứng thực)
sign-hint-choose-token = hãy chọn một token bằng `--token LABEL`
sign-hint-choose-key = hãy chọn một khóa bằng `--key-id ID`
sign-hint-not-rsa = hãy dùng chứng thư số RSA (các tổ chức chứng thực ở Việt Nam cấp RSA-2048)
sign-hint-tsa = hãy kiểm tra `--tsa URL` (tổ chức chứng thực cho biết địa chỉ máy chủ dấu thời gian), hoặc ký không kèm dấu thời gian (B-B); chưa ký tệp nào

## Mật khẩu hoặc mã PIN
sign-secret-password = mật khẩu của tệp khóa
sign-secret-pin = mã PIN của token
sign-prompt = Nhập { $what }:{" "}
sign-cannot-ask = không hỏi được { $what }: { $reason }
sign-hint-cannot-ask = hãy đặt biến môi trường VANBAN_PIN

## Đã làm gì
sign-waiting = đang chờ một lần chạy vanban khác đang làm việc trong thư mục này…
sign-summary-signer = { $subject } đã ký số { $signed } tệp với vai trò người ký; { $kept } tệp đã được ký với vai trò này từ trước
sign-summary-organisation = { $subject } đã ký số { $signed } tệp với vai trò cơ quan, tổ chức; { $kept } tệp đã được ký với vai trò này từ trước
