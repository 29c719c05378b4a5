# Thông điệp của vanban (dòng lệnh: `--help`, lỗi khi gõ lệnh, các dòng một
# lệnh in ra khi xong), tiếng Việt. Cùng các mã như ../en/cli.ftl.
#
# `cli-<lệnh>-about`, `cli-<lệnh>-long` và `cli-arg-<tùy chọn>` (hoặc
# `cli-<lệnh>-<tùy chọn>` khi tùy chọn của một lệnh có nghĩa khác) được tìm
# theo cây lệnh (src/cli/help.rs).

## vanban
cli-about = Từ dữ liệu YAML ra văn bản của cơ quan Đảng và Nhà nước (Kế hoạch, Giấy mời, Nơi nhận) thành tệp PDF sẵn sàng để in
cli-arg-lang = Ngôn ngữ của thông báo và hướng dẫn: vi (mặc định) hoặc en; cũng có thể đặt VANBAN_LANG, hoặc locale (LANG) bắt đầu bằng en
cli-value-lang-vi = Tiếng Việt, mặc định
cli-value-lang-en = Tiếng Anh

## Tùy chọn dùng chung cho nhiều lệnh
cli-arg-data = Tệp dữ liệu YAML, ví dụ data/ke-hoach-dai-hoi-diem.yaml
cli-arg-out = Thư mục ghi các tệp PDF và manifest.json (chưa có thì tạo)
cli-arg-templates = Thư mục chứa các mẫu thay cho mẫu có sẵn, từng tệp một (cùng tên như trong thư mục `templates/` của dự án)
cli-arg-font-path = Thư mục chứa thêm phông chữ (ví dụ Times New Roman có bản quyền); ngoài ra không dùng phông chữ của máy. Có thể ghi nhiều lần
cli-arg-allow-dir = Cho đọc thêm các tệp mà dữ liệu nêu tên (danh sách đại biểu) từ thư mục DIR. Không có tùy chọn này thì chỉ đọc trong thư mục của tệp dữ liệu và các thư mục con của nó. Có thể ghi nhiều lần
cli-arg-pdfa = Làm mọi tệp PDF theo chuẩn lưu trữ PDF/A-2b: văn bản, từng giấy mời và bản gửi từng nơi, các bản in và các phiếu Nơi nhận. Giống như ghi `pdfa: true` trong dữ liệu

## build
cli-build-about = Làm các văn bản PDF mà tệp dữ liệu mô tả
cli-build-long =
    Làm các văn bản PDF mà tệp dữ liệu mô tả.

    Đọc tệp DATA (YAML) và các danh sách đại biểu mà nó nêu (CSV hoặc Excel), kiểm tra, rồi ghi vào thư mục kết quả: văn bản (với kế hoạch là `ke-hoach.pdf`), mỗi đại biểu một giấy mời và mỗi sự kiện một bản in trong `giay-moi/`, mỗi văn bản một phiếu Nơi nhận, và `manifest.json`. Có chỗ nào sai thì mọi lỗi được liệt kê kèm dòng của nó và chưa tệp nào được ghi.
cli-arg-emit-typ = Ghi thêm mã nguồn Typst (`.typ`) bên cạnh mỗi tệp PDF
cli-arg-no-progress = Không hiện thanh tiến độ khi làm giấy mời
cli-arg-only = Chỉ làm những phần này (plan: văn bản, invitations: giấy mời, recipients: phiếu Nơi nhận), ví dụ `--only plan` để xem nhanh kế hoạch. Có thể ghi nhiều lần
cli-value-only-plan = Văn bản chính (kế hoạch)
cli-value-only-invitations = Giấy mời, bản gửi từng nơi và các bản in của chúng
cli-value-only-recipients = Phiếu Nơi nhận
cli-arg-force = Làm lại mọi tệp. Không có tùy chọn này thì lần dựng sau chỉ làm lại những tệp có dữ liệu, mẫu, thể thức hoặc phông chữ thay đổi, và xóa tệp của những đại biểu, sự kiện không còn trong dữ liệu

## check
cli-check-about = Tìm mọi chỗ sai trong dữ liệu trước khi in
cli-check-long =
    Tìm mọi chỗ sai trong dữ liệu trước khi in.

    Đọc tệp DATA và các danh sách đại biểu như `build`, rồi soát như một văn thư cẩn thận: hạn và ngày tháng, đại biểu ghi hai lần hoặc thiếu chức vụ, chữ dán từ phông TCVN3 hay VNI cũ, gõ nhầm như `IIDND` thay cho `HĐND`, thứ không khớp với ngày, số bằng chữ nói một số khác, dấu thanh đặt theo hai kiểu. Mỗi lỗi được liệt kê kèm dòng và gợi ý; mã thoát là 1 nếu có lỗi (hoặc có cảnh báo, khi dùng `--deny-warnings`), còn không là 0. `build` chạy cùng các bước kiểm tra này trước và không dựng khi có lỗi.
cli-arg-deny-warnings = Coi cả cảnh báo là lỗi
cli-check-templates = Thư mục chứa các mẫu thay cho mẫu có sẵn (bộ thể thức)
cli-done-check-clean = { $data }: không thấy lỗi nào ({ $events } sự kiện, { $delegates } đại biểu)
cli-done-check-problems = { $data }: { $errors } lỗi, { $warnings } cảnh báo

## fix
cli-fix-about = Sửa ngay trong tệp những chỗ `check` chắc chắn cách sửa
cli-fix-long =
    Sửa ngay trong tệp những chỗ `check` chắc chắn cách sửa.

    Chữ từ phông TCVN3 hay VNI cũ, chữ viết tắt gõ nhầm, chữ Ð của tiếng Iceland, thứ trong tuần và số bằng chữ được sửa ở nơi chúng được gõ (tệp YAML hoặc danh sách CSV); tệp Unicode dạng tổ hợp được lưu lại dạng dựng sẵn. Chú thích và cách trình bày giữ nguyên, và mỗi tệp được sao trước ra FILE.bak. Mỗi chỗ sửa đều được liệt kê.
cli-fix-templates = Thư mục chứa các mẫu thay cho mẫu có sẵn (bộ thể thức)

## watch
cli-watch-about = Dựng, rồi dựng lại mỗi khi một tệp đầu vào được lưu, đến khi bấm Ctrl-C
cli-watch-long =
    Dựng, rồi dựng lại mỗi khi một tệp đầu vào được lưu, đến khi bấm Ctrl-C.

    Theo dõi tệp DATA, mọi danh sách đại biểu mà nó nêu (danh sách mới thêm vào DATA được theo dõi từ lần lưu sau), thư mục `--templates` và các thư mục `--font-path`. Sau mỗi lần dựng, một dòng cho biết mất bao lâu và đã làm những gì. Nếu lần lưu có chỗ sai, các lỗi được liệt kê như `build`, các tệp của lần dựng tốt gần nhất giữ nguyên, và lần lưu đúng sau đó sẽ dựng lại.
cli-arg-preview = Sau mỗi lần dựng tốt, vẽ thêm các trang kế hoạch thành `preview-plan-<trang>.png` trong thư mục kết quả (xem `preview`)

## preview
cli-preview-about = Vẽ các trang thành ảnh PNG, để xem thay đổi mà không cần trình đọc PDF
cli-preview-long =
    Vẽ các trang thành ảnh PNG, để xem thay đổi mà không cần trình đọc PDF.

    Làm văn bản như `build`, rồi vẽ các trang của nó vào `OUT/preview-<doc>-<trang>.png` (mỗi trang một ảnh, hoặc chỉ trang `--page`) và in ra đường dẫn của các ảnh. Ngoài ra không ghi gì.
cli-arg-doc = Văn bản nào: kế hoạch, giấy mời của một đại biểu (hoặc một bản gửi của giấy mời họp), hoặc phiếu Nơi nhận của kế hoạch
cli-value-doc-plan = Văn bản chính (kế hoạch)
cli-value-doc-invitation = Giấy mời (hoặc Giấy triệu tập) của một đại biểu, hoặc một bản gửi của giấy mời họp
cli-value-doc-recipients = Phiếu Nơi nhận của văn bản chính
cli-arg-event = Với `--doc invitation`: sự kiện, đếm từ 1 trong `events:` (mặc định: sự kiện đầu)
cli-arg-delegate = Với `--doc invitation`: đại biểu, đếm từ 1 trong danh sách của sự kiện (với các bản gửi của giấy mời họp: nơi được mời, trong `meeting.invitees`)
cli-arg-page = Chỉ trang này, đếm từ 1 (mặc định: mọi trang)
cli-arg-ppi = Độ phân giải, điểm ảnh trên mỗi inch: 72 là một điểm ảnh cho mỗi point, 144 thì nét trên hầu hết màn hình
cli-preview-out = Thư mục ghi ảnh (chưa có thì tạo)

## new
cli-new-about = Ghi một tệp dữ liệu mẫu ngắn, có chú thích, để bắt đầu
cli-new-long =
    Ghi một tệp dữ liệu mẫu ngắn, có chú thích, để bắt đầu.

    KIND là loại văn bản cần làm (`vanban new --list` cho biết có những loại nào); FILE là nơi ghi (mặc định `KIND.yaml`), với đại hội thì kèm danh sách đại biểu bên cạnh. Ngày tháng trong tệp là hôm nay; sửa tên rồi chạy `vanban build FILE`. Không bao giờ ghi đè lên tệp đã có.
cli-arg-kind = Loại văn bản: ke-hoach, dai-hoi, thong-bao, giay-moi-hop
cli-arg-file = Tệp dữ liệu cần ghi (mặc định: KIND.yaml)
cli-arg-preset = Thể thức của Đảng (`dang`) hay của Nhà nước (`nha-nuoc`)
cli-arg-list = Liệt kê các loại văn bản rồi thoát

## sign
cli-sign-about = Ký số các văn bản đã dựng (PAdES, để phát hành điện tử)
cli-sign-long =
    Ký số các văn bản đã dựng (PAdES, để phát hành điện tử).

    Ký văn bản, mọi giấy mời và bản gửi từng nơi, và các bản in trong thư mục OUT bằng tệp PKCS#12 (`--p12`) hoặc khóa trên thiết bị ký số USB (`--pkcs11 MODULE`). Mật khẩu hoặc mã PIN được đọc từ biến môi trường VANBAN_PIN hoặc được hỏi khi chạy; đừng bao giờ ghi nó trên dòng lệnh. Người có thẩm quyền ký trước (`--role signer`), sau đó văn thư ký bằng khóa của cơ quan (`--role organisation`); chữ ký sau vẫn giữ chữ ký trước hợp lệ. Tệp đã ký ở vai trò đó thì để nguyên; có gì hỏng thì không tệp nào thay đổi.
cli-sign-out = Thư mục kết quả của `vanban build`
cli-arg-p12 = Tệp PKCS#12 (`.p12`, `.pfx`) chứa khóa và chứng thư số của nó
cli-arg-pkcs11 = Thư viện PKCS#11 của thiết bị ký số (ví dụ `/usr/lib/libeToken.so`)
cli-arg-token = Nhãn của thiết bị ký số, khi cắm nhiều thiết bị
cli-arg-key-id = Mã của khóa trên thiết bị (CKA_ID, dạng hex), khi thiết bị có nhiều khóa
cli-arg-mechanism = Cách thiết bị ký (mặc định: sha256-rsa-pkcs nếu thiết bị có): `rsa-pkcs` cho thiết bị mà SHA-256 của chính nó bị lỗi
cli-value-mechanism-sha256-rsa-pkcs = `CKM_SHA256_RSA_PKCS`: thiết bị tự băm và ký
cli-value-mechanism-rsa-pkcs = `CKM_RSA_PKCS` trên DigestInfo của giá trị SHA-256 do vanban tính: cho thiết bị mà cơ chế SHA-256 của chính nó bị lỗi (một số SafeNet eToken qua OpenSC)
cli-arg-role = Ai ký: người có thẩm quyền, sau đó cơ quan
cli-value-role-signer = Chữ ký của chính người có thẩm quyền
cli-value-role-organisation = Chữ ký của cơ quan, sau chữ ký của người có thẩm quyền (văn thư ký)
cli-arg-tsa = Máy chủ cấp dấu thời gian (`http://…`, do tổ chức cung cấp chứng thư số cho): mỗi chữ ký có dấu thời gian RFC 3161 (PAdES B-T)

## Những chữ của clap (thư viện đọc dòng lệnh), nói lại bằng tiếng Việt
cli-heading-commands = Lệnh
cli-heading-arguments = Đối số
cli-heading-options = Tùy chọn
cli-usage-heading = Cách dùng:
cli-usage-options = [TÙY CHỌN]
cli-command-name = LỆNH
cli-help = In hướng dẫn (`-h` bản tóm tắt, `--help` bản đầy đủ)
cli-version = In số phiên bản
cli-help-about = In hướng dẫn này, hoặc hướng dẫn của lệnh được nêu
cli-values = [giá trị: { $values }]
cli-values-heading = Các giá trị:
cli-default = [mặc định: { $value }]

## Lỗi khi gõ lệnh
cli-error-unknown-argument = không có tùy chọn `{ $arg }`
cli-error-unknown-command = không có lệnh `{ $command }`
cli-error-value-missing = `{ $arg }` cần một giá trị
cli-error-invalid-value = `{ $value }` không phải giá trị dùng được cho `{ $arg }`
cli-error-missing = còn thiếu: { $args }
cli-error-no-command = hãy cho biết cần chạy lệnh nào
cli-error-conflict = không dùng được `{ $arg }` cùng với `{ $other }`
cli-error-other = dòng lệnh chưa đúng: { $reason }
cli-hint-did-you-mean = có phải ý bạn là `{ $suggestion }`?
cli-hint-values = các giá trị dùng được: { $values }
cli-hint-usage = cách dùng: { $usage }; `--help` cho biết thêm
