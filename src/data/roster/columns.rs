//! Which columns a delegate list may have: the headers each column is
//! known by (in Vietnamese, as offices write them), the values of the group
//! column, and the nearest known header to one mistyped.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{Group, clean};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Name,
    Position,
    Unit,
    Group,
    Salutation,
    Phone,
    Numbering,
    Note,
}

/// Columns a delegate is read from, in the order their cells are checked.
pub(super) const DELEGATE_FIELDS: [Field; 6] = [
    Field::Name,
    Field::Position,
    Field::Unit,
    Field::Group,
    Field::Salutation,
    Field::Phone,
];

/// Accepted headers of each column; the first is the one hints use.
pub(super) const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "Họ và tên",
            "Họ tên",
            "Họ, tên",
            "Tên đại biểu",
            "Họ và tên đại biểu",
        ],
    ),
    (Field::Position, &["Chức vụ", "Chức danh"]),
    (
        Field::Unit,
        &["Đơn vị", "Cơ quan", "Đơn vị công tác", "Nơi công tác"],
    ),
    (Field::Group, &["Nhóm", "Thành phần", "Loại đại biểu"]),
    (Field::Salutation, &["Danh xưng", "Xưng hô"]),
    (Field::Phone, &["Điện thoại", "Số điện thoại", "SĐT", "ĐT"]),
    // Read and ignored: numbering and notes carry nothing a letter needs.
    (Field::Numbering, &["STT", "TT", "Số TT"]),
    (Field::Note, &["Ghi chú"]),
];

/// Values of the group column, compared without case or diacritics.
pub(super) const MEMBER_VALUES: &[&str] = &[
    "Đảng viên",
    "Đảng viên chi bộ",
    "Đảng viên đảng bộ",
    "Chính thức",
    "member",
];
pub(super) const GUEST_VALUES: &[&str] = &["Khách mời", "Đại biểu mời", "Mời", "guest"];

/// A header as compared: [`clean`], lower case, a trailing `:` or `*`
/// dropped (templates mark required columns `Họ và tên*`).
pub(super) fn header_key(s: &str) -> String {
    clean(s)
        .to_lowercase()
        .trim_end_matches([':', '*', ' '])
        .to_string()
}

/// A key without case or diacritics: `Đảng viên` → `dang vien`.
pub(super) fn loose_key(s: &str) -> String {
    let key = header_key(s).replace('đ', "d");
    key.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// Every accepted header as compared ([`header_key`]), with its field;
/// computed once: the delimiter guess looks up every line of a list.
pub(super) static HEADER_KEYS: std::sync::LazyLock<Vec<(String, Field)>> =
    std::sync::LazyLock::new(|| {
        HEADERS
            .iter()
            .flat_map(|(f, names)| names.iter().map(|n| (header_key(n), *f)))
            .collect()
    });

pub(super) fn field_of(header: &str) -> Option<Field> {
    let key = header_key(header);
    HEADER_KEYS.iter().find(|(k, _)| *k == key).map(|(_, f)| *f)
}

pub(super) fn headers_of(field: Field) -> &'static [&'static str] {
    HEADERS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(&[], |(_, names)| names)
}

/// Every accepted group value as compared ([`loose_key`]), computed once.
pub(super) static GROUP_KEYS: std::sync::LazyLock<Vec<(String, Group)>> =
    std::sync::LazyLock::new(|| {
        [(MEMBER_VALUES, Group::Member), (GUEST_VALUES, Group::Guest)]
            .into_iter()
            .flat_map(|(values, g)| values.iter().map(move |v| (loose_key(v), g)))
            .collect()
    });

pub(super) fn group_of(value: &str) -> Option<Group> {
    let key = loose_key(value);
    GROUP_KEYS.iter().find(|(k, _)| *k == key).map(|(_, g)| *g)
}

/// `a`, `b` → "`a`, `b`".
pub(super) fn quoted<S: AsRef<str>>(names: &[S]) -> String {
    let names: Vec<_> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    names.join(", ")
}

/// The known columns, and the ignored ones, as hints list them.
pub(super) fn known_columns() -> (String, String) {
    let first = |fields: &[Field]| fields.iter().map(|f| headers_of(*f)[0]).collect::<Vec<_>>();
    (
        quoted(&first(&DELEGATE_FIELDS)),
        quoted(&first(&[Field::Numbering, Field::Note])),
    )
}

/// The known header nearest to `header`, if near enough to be a slip.
pub(super) fn closest_header(header: &str) -> Option<&'static str> {
    let key = loose_key(header);
    HEADERS
        .iter()
        .flat_map(|(_, names)| names.iter().copied())
        .map(|n| (strsim::normalized_levenshtein(&loose_key(n), &key), n))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}
