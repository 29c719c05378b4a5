# Thông điệp của vanban (build, preview, watch, new), tiếng Việt. Cùng các mã như ../en/build.ftl.

## Một lần dựng đã tạo những gì
build-summary = { $documents } văn bản, { $sheets } phiếu Nơi nhận
build-summary-copies = { $documents } văn bản, { $copies } bản gửi đích danh cùng bản in của chúng, { $sheets } phiếu Nơi nhận
build-summary-letters = { $documents } văn bản, { $letters } giấy mời cho { $delegates } đại biểu ({ $summonses } triệu tập, { $invited } mời), { $prints } bản in, { $sheets } phiếu Nơi nhận
build-summary-copies-letters = { $documents } văn bản, { $copies } bản gửi đích danh cùng bản in của chúng, { $letters } giấy mời cho { $delegates } đại biểu ({ $summonses } triệu tập, { $invited } mời), { $prints } bản in, { $sheets } phiếu Nơi nhận
build-progress-letters = giấy mời
build-waiting = một lần dựng vanban khác đang ghi vào { $path }; đang chờ lần đó xong
build-only-damaged = { $count } tệp của lần dựng trước bị thiếu hoặc đã bị sửa từ đó, ví dụ `{ $path }`; `--only` không tạo lại các tệp này
build-hint-only-damaged = hãy chạy `vanban build` không kèm `--only` để tạo lại các tệp đó
build-remade-one = một tệp của lần dựng trước bị thiếu hoặc đã bị sửa từ đó, và đã được tạo lại: `{ $path }`
build-remade = { $count } tệp của lần dựng trước bị thiếu hoặc đã bị sửa từ đó, và đã được tạo lại: `{ $path }` và { $more } tệp khác
build-changed-by-hand = `{ $path }` đã bị sửa hoặc bị xóa từ lần dựng trước, mà bản in lại cần đến tệp này
build-hint-force = hãy chạy `vanban build --force` để tạo lại mọi tệp

## Bộ thể thức
build-preset-no-edition = bộ thể thức `{ $name }` không có phiên bản nào cho văn bản đề ngày { $date }
build-preset-not-styles = bộ thể thức `{ $name }` chọn `{ $chosen }`, nhưng đó không phải một bộ thể thức
build-no-preset = không có bộ thể thức `{ $name }`
build-hint-presets = các bộ thể thức hiện có: { $names }
build-tone-style-failed = không áp dụng được `tone_style` cho dữ liệu: { $reason }

## Khi một phần của lần dựng hỏng
build-main-failed = việc tạo văn bản chính hỏng bất ngờ
build-event-failed = việc xử lý một sự kiện hỏng bất ngờ
build-sheet-failed = việc tạo phiếu Nơi nhận hỏng bất ngờ
build-checks-failed = việc kiểm tra dữ liệu hỏng bất ngờ
build-stopped = đã dừng dựng: dữ liệu có lỗi
build-sheet-unreadable = không đọc lại được tệp PDF của một phiếu Nơi nhận
build-sheet-page-missing = một trang của phiếu Nơi nhận chưa được tạo
build-sheet-old-page-gone = một trang của phiếu Nơi nhận lần trước đã mất
build-letters-not-produced = { $missing } trong số { $total } giấy mời của `{ $title }` không được tạo ra: { $list }
build-copies-not-produced = { $missing } trong số { $total } bản gửi đích danh của `{ $title }` không được tạo ra: { $list }
build-hint-letter-marker = có thể một mẫu thay thế đã làm mất dấu mốc của giấy mời (#metadata(…) <vanban-letter>)
build-sign-boxes-main = bố cục chỉ đo được { $found } trong số { $expected } vị trí đặt ảnh chữ ký và con dấu trong văn bản chính
build-sign-boxes-letter = bố cục chỉ đo được { $found } trong số { $expected } vị trí đặt ảnh chữ ký và con dấu trong { $title }
build-hint-sign-boxes = có thể một mẫu thay thế đã làm mất các dấu chữ ký (`sign-mark` và `sign-boxes` trong layout/vanban.typ), hoặc chức vụ và họ tên người ký nằm ở hai trang khác nhau
build-source-letters = { $name } (giấy mời)
build-source-copies = { $name } (bản gửi đích danh)

## Tên tệp
build-no-file-name = văn bản không có tên tệp: tên này không có chữ cái hay chữ số nào
build-hint-no-file-name = hãy đặt `document.file` là một tên gồm chữ cái hoặc chữ số, ví dụ `file: ke-hoach`
build-no-folder-name = `{ $text }` không cho giấy mời của events[{ $index }] một tên thư mục: tên này không có chữ cái hay chữ số nào
build-hint-no-folder-name = hãy đặt cho sự kiện một tên dùng cho các tệp của nó: `file: dai-hoi-chi-bo-02` trong sự kiện đó
build-folder-of-copies = `{ $text }` sẽ ghi giấy mời vào `giay-moi/{ $name }/`, là nơi đặt các bản gửi đích danh của giấy mời họp
build-hint-folder-of-copies = hãy đặt cho sự kiện một tên riêng dùng cho các tệp của nó: `file: { $name }-2` trong sự kiện đó
build-label-invitation-name = tên của giấy mời
build-same-folder = `{ $text }` và `{ $first }` sẽ ghi giấy mời vào cùng một thư mục `giay-moi/{ $name }/`
build-hint-same-folder = tên tệp bỏ dấu và ký hiệu; hãy đặt cho một trong hai sự kiện một tên riêng dùng cho các tệp của nó: `file: { $name }-2` trong sự kiện đó
build-label-first-name = sự kiện đầu tiên dùng tên này

## Thư mục kết quả
output-changes = { $changed } tệp đã đổi, { $added } tệp mới, { $removed } tệp đã xóa, { $unchanged } tệp giữ nguyên
output-committed = { $count } tệp và manifest.json trong { $path }: { $changes }
output-no-lock = không khóa được `{ $path }` ({ $reason }): đừng chạy hai lần dựng vào thư mục này cùng lúc
output-interrupted-cannot-undo = lần dựng trước vào `{ $path }` bị ngắt giữa lúc thay tệp, và không đặt lại được các tệp cũ: { $reason }
output-hint-interrupted-cannot-undo = hãy cho phép ghi vào thư mục rồi dựng lại, hoặc xóa thư mục `{ $path }` rồi dựng lại
output-interrupted-undone = lần dựng trước vào `{ $path }` bị ngắt giữa lúc thay tệp; đã đặt lại các tệp của lần dựng trước đó
output-journal-damaged = `{ $path }` bị hỏng nên được bỏ qua; mọi tệp được đối chiếu với manifest của nó
output-in-the-way-file = không ghi được `{ $path }`: có { $what ->
        [link] một liên kết
        [folder] một thư mục
       *[file] một tệp
    } nằm đúng chỗ vanban cần đặt tệp này
output-in-the-way-folder = không ghi được `{ $path }`: có { $what ->
        [link] một liên kết
        [folder] một thư mục
       *[file] một tệp
    } nằm đúng chỗ vanban cần đặt thư mục chứa tệp này
output-hint-in-the-way = hãy chuyển đi hoặc xóa `{ $path }`, rồi dựng lại; chưa tệp nào bị thay
output-undo-failed = { $failed }; việc đặt lại các tệp đã bị thay trong `{ $path }` cũng không thành: { $reason }
output-hint-undo-failed = hãy cho phép ghi vào thư mục rồi chạy dựng lại: trước tiên vanban sẽ đặt lại các tệp của lần dựng tốt gần nhất
output-staged-damaged = một mục trong vùng chuẩn bị bị hỏng

## Ghép tệp PDF
pdf-batch-page-missing = thiếu một trang của loạt văn bản
pdf-old-page-missing = thiếu một trang của tệp lần trước
pdf-old-file-changed = tệp lần trước không còn như khi được ghi
pdf-part-loop = một phần của tệp PDF tự tham chiếu đến chính nó
pdf-part-missing = thiếu một phần của tệp PDF
pdf-pdfa-mixed = không ghép được một phần PDF/A với một phần không phải PDF/A (hoặc thuộc cấp PDF/A khác)
pdf-pdfa-info = không ghi được thông tin văn bản của các phần thành siêu dữ liệu PDF/A

## Dàn trang và mẫu
typeset-generated = { $name } → main.typ (tự sinh)
typeset-pdfa = PDF/A-2b: { $reason }
typeset-pdf-export = xuất PDF: { $reason }
typeset-hint-pdfa = đã yêu cầu PDF/A-2b (`--pdfa`, hoặc `pdfa: true` trong dữ liệu), mà chuẩn này không cho phép điều đó; con dấu hay biểu trưng phải là ảnh PNG hoặc SVG, không phải PDF
typeset-trace = { $what } tại { $file }:{ $line }
typeset-glyph-missing = ký tự `{ $shown }` ({ $codes }) không có trong phông chữ `{ $family }`
typeset-glyph-fallback = ký tự `{ $shown }` ({ $codes }) sẽ được lấy từ phông chữ dự phòng `{ $family }`, không phải từ { $allowed }
typeset-hint-glyph-text = ký tự này nằm trong đoạn “{ $text }”
typeset-hint-glyph = hãy thay ký tự đó trong dữ liệu, hoặc dùng --font-path với một phông chữ thuộc họ phông của bộ thể thức có ký tự này
render-write-failed = không ghi được kết quả
render-no-template = không có mẫu `{ $name }`: { $reason }
render-hint-no-template = các mẫu có sẵn đã được đóng gói trong chương trình; hãy kiểm tra --templates
render-template = mẫu `{ $name }`: { $reason }
render-template-error = lỗi mẫu: { $reason }
render-hint-template-error = mẫu sai, không phải dữ liệu sai; hãy sửa mẫu hoặc bỏ nó khỏi --templates
render-number-range = số vượt quá phạm vi
render-number-not-finite = không đưa được vào Typst một số không hữu hạn
render-value-kind = không đưa được vào Typst một giá trị loại { $kind }

## vanban preview
preview-no-event = không có sự kiện { $n }
preview-hint-no-events = dữ liệu không có sự kiện nào, nên không có giấy mời
preview-hint-events = dữ liệu có { $count } sự kiện; hãy dùng --event với số từ 1 đến { $count }
preview-no-delegates = dữ liệu không có sự kiện nào có đại biểu, nên không có giấy mời
preview-hint-no-delegates = hãy thêm một sự kiện cùng danh sách đại biểu dưới `events:`
preview-no-delegate = `{ $title }` có { $count } đại biểu; không có đại biểu thứ { $n }
preview-hint-delegate = hãy dùng --delegate với số từ 1 đến { $count } (số thứ tự trong danh sách)
preview-no-letter = không tạo được giấy mời cho đại biểu thứ { $n } của `{ $title }`
preview-no-copy = giấy mời họp có { $count } bản gửi đích danh; không có bản thứ { $n }
preview-hint-copy = hãy dùng --delegate với số từ 1 đến { $count } (thứ tự của người được mời trong `meeting.invitees`)
preview-no-page = không có trang { $n }: văn bản có { $count } trang
preview-hint-page = hãy dùng --page với số từ 1 đến { $count }, hoặc bỏ tùy chọn này để xem mọi trang
preview-ppi = --ppi { $ppi } nằm ngoài phạm vi cho phép
preview-hint-ppi = hãy chọn từ { $min } đến { $max } điểm ảnh mỗi inch: 72 là một điểm ảnh cho mỗi point, 144 là đủ nét trên hầu hết màn hình
preview-encode = không mã hóa được trang { $page } thành ảnh PNG: { $reason }

## vanban watch
watch-start = { $watching }; bấm Ctrl-C để dừng
watch-watching-one = đang theo dõi { $last }
watch-watching = đang theo dõi { $names } và { $last }
watch-folder = thư mục { $path }
watch-built = đã dựng xong trong { $ms } ms: { $changes }; { $summary }
watch-rebuilt = đã dựng lại trong { $ms } ms (đã đổi: { $files }): { $changes }; { $summary }
watch-failed = dựng không thành sau { $ms } ms; các tệp tốt gần nhất trong { $path } được giữ nguyên. Đang chờ lần lưu tiếp theo.
watch-failed-changed = dựng không thành sau { $ms } ms (đã đổi: { $files }); các tệp tốt gần nhất trong { $path } được giữ nguyên. Đang chờ lần lưu tiếp theo.
watch-preview = đã tạo bản xem trước trong { $ms } ms: { $pages } trang, { $files }
watch-lost-events = một số tệp không rõ (trình theo dõi đã bỏ sót sự kiện)
watch-cannot-watch = không theo dõi được các tệp: { $reason }
watch-cannot-watch-dir = không theo dõi được `{ $path }`: { $reason }
watch-hint-build-instead = thay vào đó, hãy chạy `vanban build` sau mỗi lần sửa
watch-hint-max-watches = đã chạm giới hạn số thư mục được theo dõi của hệ thống; trên Linux, hãy nâng giới hạn bằng `sysctl fs.inotify.max_user_watches=524288`
watch-stopped = trình theo dõi tệp đã dừng
watch-hint-stopped = hãy chạy lại `vanban watch`

## vanban new
new-kind-ke-hoach = một bản kế hoạch
new-kind-dai-hoi = một kế hoạch đại hội, kèm giấy mời cho từng đại biểu trong danh sách (CSV)
new-kind-thong-bao = một bản thông báo
new-kind-giay-moi-hop = một giấy mời họp, kèm một bản gửi đích danh cho từng người được mời
new-list-line = { $what } (--preset { $presets })
new-wrote = đã ghi { $path }
new-no-kind = không có tệp mẫu loại `{ $kind }`
new-hint-kinds = các loại có: { $kinds }; `vanban new --list` cho biết mỗi loại tạo ra gì
new-no-preset = tệp mẫu `{ $kind }` không có bản cho `--preset { $preset }`
new-hint-presets = các bản hiện có: --preset { $presets }
new-exists = `{ $path }` đã có: vanban new không bao giờ ghi đè lên một tệp
new-hint-exists = hãy đặt tên khác: `vanban new KIND FILE.yaml`
