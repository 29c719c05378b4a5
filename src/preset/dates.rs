//! How a preset writes dates, times and counts in a document: the weekday
//! and the time of day in words, day and month with its leading-zero rule.

use super::Preset;

impl Preset {
    /// `thứ Sáu` for a Friday.
    pub fn weekday(&self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let i = date.weekday().num_days_from_monday() as usize;
        self.invitation.weekdays.get(i).cloned().unwrap_or_default()
    }

    /// `7 giờ 30 phút` for 07:30, `14 giờ` for 14:00.
    pub fn time_of_day(&self, hour: u32, minute: u32) -> String {
        if minute == 0 {
            self.invitation
                .time_on_the_hour
                .replace("{hour}", &hour.to_string())
        } else {
            self.invitation
                .time
                .replace("{hour}", &hour.to_string())
                .replace("{minute}", &format!("{minute:02}"))
        }
    }

    /// Writes a day/month/year date with this preset's leading-zero rule, `10/01/2025`.
    pub fn date_short(&self, date: chrono::NaiveDate) -> String {
        let (d, m) = self.day_month(date);
        format!("{d}/{m}/{}", chrono::Datelike::year(&date))
    }

    /// Day and month with the leading-zero rule applied.
    pub fn day_month(&self, date: chrono::NaiveDate) -> (String, String) {
        use chrono::Datelike;
        let day = if self.numbers.pad_day {
            format!("{:02}", date.day())
        } else {
            date.day().to_string()
        };
        let month = if self.numbers.pad_months.contains(&date.month()) {
            format!("{:02}", date.month())
        } else {
            date.month().to_string()
        };
        (day, month)
    }

    /// Writes a count with the preset's leading-zero rule (`01`, `13`).
    pub fn count(&self, n: u64) -> String {
        if self.numbers.pad_counts && n < 10 {
            format!("{n:02}")
        } else {
            n.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn dang() -> Preset {
        serde_yaml_ng::from_str(include_str!("../../templates/presets/dang-hd36.yaml")).unwrap()
    }

    #[test]
    fn dates_follow_the_leading_zero_rule() {
        let p = dang();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(p.date_short(d(2024, 7, 19)), "19/7/2024");
        assert_eq!(p.date_short(d(2025, 1, 10)), "10/01/2025");
        assert_eq!(p.date_short(d(2024, 10, 3)), "03/10/2024");
        assert_eq!(p.date_short(d(2025, 3, 31)), "31/3/2025");
        assert_eq!(p.date_short(d(2024, 2, 5)), "05/02/2024");
    }

    #[test]
    fn weekdays_and_times_are_written_in_words() {
        let p = dang();
        let d = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap();
        assert_eq!(p.weekday(d), "thứ Sáu");
        assert_eq!(
            p.weekday(NaiveDate::from_ymd_opt(2025, 1, 12).unwrap()),
            "Chủ nhật"
        );
        assert_eq!(p.time_of_day(7, 30), "7 giờ 30 phút");
        assert_eq!(p.time_of_day(14, 0), "14 giờ");
    }

    #[test]
    fn counts_below_ten_take_a_zero() {
        let p = dang();
        assert_eq!(p.count(1), "01");
        assert_eq!(p.count(13), "13");
        assert_eq!(p.count(282), "282");
    }
}
