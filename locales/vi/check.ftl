# Thông điệp của vanban (check), tiếng Việt. Cùng các mã như ../en/check.ftl.
# `vanban check` (src/check/), `vanban fix` (src/fix.rs) và các ký tự không
# hiện đúng như bản chất của nó (src/chars.rs).

## Tệp dữ liệu như đã gõ
check-decomposed = tệp dữ liệu có chữ ở dạng Unicode tổ hợp (chữ cái và dấu tách rời nhau)
check-decomposed-hint = tệp vẫn được đọc ở dạng dựng sẵn (NFC) nên in và sắp xếp đúng; hãy lưu tệp ở dạng NFC để so sánh được với các tệp khác

## Ngày tháng, thời hạn và số ngày
check-meeting-before-invitation = cuộc họp diễn ra ngày { $meeting }, trước ngày ban hành giấy mời ({ $issued })
check-meeting-before-invitation-hint = kiểm tra lại `date` của cuộc họp và `date` của văn bản
check-deadline-before-document = `{ $unit }` phải tổ chức đại hội trước ngày { $deadline }, sớm hơn cả ngày ban hành văn bản { $kind } ({ $date })
check-deadline-before-document-hint = kiểm tra lại thời hạn và ngày của văn bản
check-event-after-deadline = `{ $title }` diễn ra ngày { $date }, sau thời hạn của đơn vị ({ $deadline })
check-event-after-deadline-hint = dời đại hội về trước ngày { $deadline }, hoặc sửa `deadline` của đơn vị `{ $unit }`
check-event-too-long = `{ $title }` kéo dài { $days } ngày; đại hội của đơn vị này chỉ được kéo dài tối đa { $max } ngày
check-event-too-long-hint = rút ngắn thời gian đại hội, hoặc sửa `max_days` của đơn vị `{ $unit }`
check-item-outside-event = `{ $item }` được xếp vào ngày { $date }, ngoài thời gian đại hội (từ { $from } đến { $to })
check-item-outside-event-hint = sửa ngày của mục này, hoặc `date` và `days` của đại hội
check-invitation-after-event = giấy mời dự `{ $title }` đề ngày { $date }, sau ngày đại hội ({ $event })
check-invitation-after-event-hint = giấy mời phải gửi trước ngày diễn ra: sửa `invitation.date`

## Đại biểu
check-delegate-twice = `{ $name }` có tên hai lần trong { $source }: { $first } và { $second }
check-delegate-twice-unit = `{ $name }` ({ $unit }) có tên hai lần trong { $source }: { $first } và { $second }
check-delegate-twice-hint = xóa một trong hai dòng; nếu là hai người khác nhau, hãy ghi rõ đơn vị của từng người
check-no-position = `{ $name }` chưa có chức vụ (cột Chức vụ) trong { $source }
check-no-position-hint = giấy mời khi đó chỉ ghi họ tên; hãy bổ sung chức vụ
check-no-positions = { $count } đại biểu trong { $source } chưa có chức vụ (cột Chức vụ): { $names }
check-no-positions-more = { $count } đại biểu trong { $source } chưa có chức vụ (cột Chức vụ): { $names } và { $more } người khác
check-no-positions-hint = giấy mời của các đại biểu này khi đó chỉ ghi họ tên; hãy bổ sung chức vụ
# Một dòng của danh sách đại biểu, trong các thông điệp trên.
check-row = dòng { $row }
check-place-row = trong { $file }, dòng { $row }
check-place-sheet-row = trong { $file }, trang tính `{ $sheet }`, dòng { $row }

## Chữ trong các nội dung
check-hint-write = viết là `{ $text }`
check-tone-mix = dấu thanh được đặt theo hai kiểu: `{ $old }` (kiểu cũ) và `{ $new }` (kiểu mới)
check-tone-mix-hint = một văn bản chỉ dùng một kiểu: hãy viết thống nhất, hoặc đặt `tone_style: old` (hay `new`) trong `document:` để in theo một kiểu (cả hai kiểu đều đúng; văn bản của Đảng và Nhà nước phần lớn dùng kiểu cũ)
check-legacy-tcvn3 = `{ $text }` được gõ bằng phông chữ cũ TCVN3 (ABC, .VnTime) nhưng đang được đọc như Unicode
check-legacy-vni = `{ $text }` được gõ bằng phông chữ cũ VNI (VNI-Times) nhưng đang được đọc như Unicode
check-eth = `{ $text }` có chữ Ð/ð của tiếng Iceland (U+00D0/U+00F0), không phải chữ Đ/đ của tiếng Việt
check-abbreviation = `{ $word }` bị gõ nhầm, đúng là `{ $right }`
# $weekday (Mon … Sun) chỉ dùng trong tiếng Anh; tiếng Việt gọi thứ bằng $right (thứ Sáu).
check-weekday = ngày { $date } là { $weekday ->
       *[other] { $right }
    }, không phải { $written }
check-count = `{ $text }` ghi { $figures } bằng chữ số nhưng { $words } bằng chữ

## Quy định thể thức của bộ thể thức ($preset: tên mô tả của bộ thể thức)
check-body-code-retired = `{ $code }` không còn là ký hiệu cơ quan ban hành theo { $preset }
check-body-code-unknown = `{ $code }` không phải ký hiệu cơ quan ban hành trong { $preset }
check-body-code-nearest-hint = có phải ý bạn là `{ $code }` ({ $what })? bộ thể thức có các ký hiệu: { $known }
check-body-code-unknown-hint = bộ thể thức có các ký hiệu: { $known }; ký hiệu của cơ quan tham mưu, giúp việc đứng trước ký hiệu của cấp ủy (`BTGDVTU`)
check-ending = nội dung kết thúc bằng `./.`: theo { $preset }, nội dung văn bản kết thúc bằng `{ $end }`
check-ending-hint = hãy kết thúc bằng `{ $end }`
check-preset-replaced = văn bản đề ngày { $date }, nhưng `preset: { $preset }` trình bày theo hướng dẫn đã hết hiệu lực: { $note }
check-preset-replaced-hint = hãy trình bày theo quy định có hiệu lực vào ngày của văn bản: `preset: { $by }`

## Chữ ký ($printed: tiền tố như bộ thể thức in ra, `TM.`)
check-prefix-in-body = `{ $first }` trong `body:` của chữ ký đã được bộ thể thức tự in theo `mode:` ({ $printed } với `mode: { $mode }`); gõ thêm ở đây thì sẽ in hai lần
check-prefix-in-title = `{ $first }` trong chức danh người ký đã được bộ thể thức tự in theo `mode:` ({ $printed } với `mode: { $mode }`); gõ thêm ở đây thì sẽ in hai lần
check-hint-write-body = viết là `body: { $body }`
check-hint-write-body-mode = viết là `body: { $body }` và `mode: { $mode }`
check-hint-write-title-mode = viết là `title: { $title }` và `mode: { $mode }`
check-second-authority-in-body = `{ $second }` mở đầu một dòng thẩm quyền ký thứ hai ngay trong `body:`: hãy viết các dòng thành danh sách để mỗi dòng có tiền tố và quy tắc riêng
check-second-authority-in-body-hint = viết `{ $yaml }` thay cho `mode:` và `body:`
check-hint-write-authority-title = viết là `{ $yaml }` và `title: { $title }`
check-hint-write-authority-deputy = viết là `{ $yaml }` và chức danh của chính người ký, ví dụ `title: PHÓ { $rest }`
check-hint-write-authority-acting = viết là `{ $yaml }` và bỏ `title:` (dòng quyền cấp trưởng chính là chức danh)
check-hint-write-authority-own = viết là `{ $yaml }` và chức danh của chính người ký
check-kt-collective = `{ $kt } { $body }`: { $body } là tập thể lãnh đạo, cấp phó ký thay phải ghi { $tm } ({ $preset })
check-kt-collective-hint = viết `mode: tm` ({ $tm } { $body }); { $kt } dùng cho cấp phó của cơ quan tham mưu, giúp việc
check-kt-under-collective = `{ $tm } { $above }` / `{ $kt } { $body }`: khi ký thay tập thể lãnh đạo, cấp phó ký { $tm } kèm chức danh của mình, không có dòng { $kt } ({ $preset })
check-kt-under-collective-hint = chỉ viết một dòng, `mode: tm` và `body: { $above }`, và giữ nguyên `title: { $title }`
check-chain-unknown = `{ $first } { $body1 }` / `{ $second } { $body2 }` không phải cách ghi thẩm quyền ký hai dòng theo { $preset }
check-chain-one-line-hint = chỉ ghi một dòng thẩm quyền ký
check-chain-allowed-hint = hai dòng thẩm quyền ký được viết theo dạng { $allowed }
# Hai cách viết hai dòng thẩm quyền ký, trong gợi ý ở trên.
check-chain-or = { $list } hoặc { $next }
check-title-repeats-body = chức danh người ký `{ $title }` lặp lại tên `{ $body }` đã in ở dòng trên
check-academic-title = `{ $name }`: họ tên người ký không ghi kèm học hàm, học vị như `{ $title }`

## Nơi nhận
check-archive-empty = dòng lưu của Nơi nhận này chỉ in `{ $word }`, không ghi nơi lưu bản
check-archive-empty-hint = ghi rõ đơn vị lưu văn bản, ví dụ `archive: Văn phòng Huyện ủy` (văn bản nhà nước thường ghi `archive: VT, …`)
check-archive-word-typed = `{ $word }` đã được bộ thể thức tự in ở đầu dòng lưu; gõ thêm ở đây thì sẽ in hai lần
check-archive-in-list = `{ $text }` là bản lưu: phải ghi ở `archive:`, mục mà bộ thể thức in cuối cùng
check-archive-in-list-hint = chuyển sang `archive:` và xóa dòng này

## Ngày tháng trong nội dung
check-date-zeros = `{ $date }` phải viết là `{ $right }`: ngày dưới 10 và tháng 1, tháng 2 phải thêm số 0 ở trước, các tháng khác thì không

## Ký tự không hiện đúng như bản chất của nó (src/chars.rs)
check-char-control = một ký tự điều khiển
check-char-bidi = một ký tự đảo ngược hoặc đổi thứ tự phần chữ đứng sau nó
check-char-invisible = một ký tự vô hình
# Một đoạn chữ dài được cắt ngắn trong thông điệp.
check-char-clipped = { $text }… (tổng cộng { $count } ký tự)

## vanban fix
fix-outside = chưa ghi lại: { $file } nằm ngoài thư mục chứa { $data }; hãy tự sửa { $count } chỗ sau trong tệp đó:
fix-rewrote = đã ghi lại { $file } (bản cũ lưu ở { $backup })
fix-nothing = { $data }: không có gì cần sửa
fix-summary = đã sửa { $changes } chỗ trong { $files } tệp; `vanban check` sẽ liệt kê những chỗ còn lại
