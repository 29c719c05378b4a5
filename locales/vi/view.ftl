# Thông điệp của vanban (view), tiếng Việt. Cùng các mã như ../en/view.ftl.
# Những chỗ khiến văn bản không in được, phát hiện khi dàn trang
# (src/view/).

## Văn bản
view-type-unknown = ký hiệu tên loại văn bản `{ $code }` không có trong bộ thể thức
view-type-nearest-hint = có phải ý bạn là `{ $code }` ({ $names })? bộ thể thức có các ký hiệu: { $known }
view-type-unknown-hint = bộ thể thức có các ký hiệu: { $known }; cũng có thể ghi tên loại văn bản
view-unit-id-twice = mã đơn vị `{ $id }` bị dùng hai lần
view-unit-id-twice-hint = đơn vị thứ { $unit } đã có mã này; mỗi đơn vị phải có mã riêng
view-meeting-and-body = giấy mời họp ghi nội dung ở `meeting:`, nhưng tệp này có cả `body:`
view-meeting-and-body-hint = giữ `meeting:` nếu là giấy mời, hoặc `body:` nếu là kế hoạch, thông báo hay báo cáo
view-no-body = văn bản chưa có `body:`
view-no-body-hint = ghi nội dung văn bản trong `body:` (hoặc `meeting:` nếu là giấy mời họp)

## Chữ ký
view-sign-mode-and-authority = cả `mode:` và `authority:` đều ghi thẩm quyền ký
view-sign-mode-and-authority-hint = giữ `authority:` (mỗi dòng một `mode` và một `body`) và xóa `mode:` cùng `body:`
view-sign-no-mode = chữ ký chưa ghi thẩm quyền ký
view-sign-no-mode-hint = thêm `mode:` (`mode: tm` và `body: BAN THƯỜNG VỤ`; `mode: none` khi người ký ký với danh nghĩa của chính mình), hoặc `authority:` khi ký hai dòng
view-sign-mode-needs-body = thẩm quyền ký `{ $mode }` cần ghi tập thể hoặc người đứng đầu được ký thay
view-sign-mode-needs-body-hint = thêm `body:`, ví dụ `body: BAN THƯỜNG VỤ`
view-sign-no-title = chữ ký chưa có chức danh người ký
view-sign-no-title-hint = ghi chức danh người ký, ví dụ `title: BÍ THƯ` (`title: PHÓ CHỦ TỊCH` khi ký `KT. CHỦ TỊCH`)
view-sign-too-many-lines = { $count } dòng thẩm quyền ký: một chữ ký chỉ có một hoặc hai dòng
view-sign-too-many-lines-hint = chỉ giữ dòng tập thể và dòng người đứng đầu được ký thay (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`)
view-sign-none-line = `mode: none` không phải một dòng thẩm quyền ký
view-sign-none-line-hint = bỏ dòng này; người ký với danh nghĩa của chính mình chỉ cần `title:` và `name:`
view-sign-line-no-body = dòng thẩm quyền ký thứ { $line } chưa ghi tập thể hoặc người đứng đầu được ký thay
view-sign-line-no-body-hint = ghi nội dung được ký thay, ví dụ `body: CHỦ TỊCH`
# $preset: tên mô tả của bộ thể thức; $how: lời của chính bộ thể thức.
view-sign-mode-not-used = { $preset } không dùng thẩm quyền ký `mode: { $mode }`
view-sign-modes-instead-hint = { $how }; bộ thể thức này dùng { $modes }
view-sign-modes-hint = bộ thể thức này dùng { $modes }

## Giờ
view-time-bad = `{ $value }` không phải giờ trong ngày
view-time-part-of-day-hint = ghi giờ theo cách tính 24 giờ, không kèm buổi: `13:30`, không phải `1:30 chiều` (giấy mời tự ghi buổi)
view-time-hint = ghi giờ dạng HH:MM theo cách tính 24 giờ, ví dụ 07:30 hoặc 14:00 (hoặc 7h30, 14h)

## Giấy mời họp
view-meeting-no-invitees = cuộc họp chưa mời ai
view-meeting-no-invitees-hint = liệt kê những người được mời, ví dụ `invitees: [Lãnh đạo Sở Tư pháp, {"{"} person: Lò Văn Minh, position: Chủ tịch UBND xã {"}"}]`

## Nội dung: lịch, đề mục, bảng, đơn vị
view-schedule-limits-differ = `{ $first }` và `{ $other }` không cùng thời hạn ({ $first_days } ngày, trước { $first_deadline } so với { $other_days } ngày, trước { $other_deadline })
view-schedule-limits-differ-hint = mỗi dòng lịch chỉ in một thời hạn và một số ngày: hãy ghi mỗi đơn vị một dòng `schedule:` riêng
view-headings-too-deep = đề mục lồng nhau { $level } cấp, nhưng bộ thể thức chỉ có kiểu trình bày cho { $styled } cấp
view-headings-too-deep-hint = dùng danh sách `dash:` cho cấp sâu nhất, hoặc thêm kiểu đề mục vào bộ thể thức
view-table-rows-and-file = bảng có cả `rows:` và `file:`
view-table-rows-and-file-hint = chỉ giữ một: các dòng gõ ở đây, hoặc tệp chứa các dòng đó
view-table-numbered-twice = cột đầu tiên của bảng đã là `{ $column }`: `numbered: true` sẽ thêm một cột số thứ tự nữa
view-table-numbered-twice-hint = bỏ `numbered: true`, hoặc bỏ cột số thứ tự có sẵn của bảng
view-table-no-columns = bảng chưa có `columns:`
view-table-no-columns-hint = đặt tên các cột, ví dụ `columns: [Nội dung, Đơn vị chủ trì, Thời gian]`
view-table-row-too-long = dòng này có { $cells } ô, trong khi bảng có { $columns } cột
view-table-columns-hint = các cột: { $columns }
view-table-file-row-too-long = dòng { $row } của tệp có nhiều ô hơn { $columns } cột của bảng
view-table-file-rows-too-long = dòng { $row } của tệp có nhiều ô hơn { $columns } cột của bảng (và { $more } dòng khác)
view-table-file-columns-hint = các cột: { $columns }; ghi đủ tên các cột trong `columns:`, hoặc bỏ mục này để lấy dòng tiêu đề của tệp
view-table-widths-count = { $widths } độ rộng cho { $columns } cột
view-table-widths-count-hint = ghi mỗi cột một độ rộng (không tính cột số thứ tự)
view-table-width-zero = độ rộng của cột phải lớn hơn 0
view-table-width-zero-hint = độ rộng là tương đối: `[6, 3, 2]` cho cột đầu rộng gấp đôi cột thứ hai
view-unit-unknown = không có đơn vị nào mang mã `{ $id }`
view-unit-nearest-hint = có phải ý bạn là `{ $unit }`? các đơn vị: { $units }
view-unit-unknown-hint = các đơn vị: { $units }
view-unit-kind-missing = bộ thể thức chưa có cách gọi cho loại đơn vị `{ $kind }`
view-unit-kind-missing-hint = thêm loại này vào `unit_kinds:` trong bộ thể thức
