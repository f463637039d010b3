use rust_xlsxwriter::{ExcelDateTime as WriteDate, Format, Formula, Workbook};

use super::*;
use crate::field::Field;
use crate::ingest::{read_csv, Mapping};

/// A workbook whose first sheet is a contact export with Chinese headers, dates, times
/// and durations, an error cell, a blank row inside and a title two rows above the header;
/// then a second sheet and an empty third.
fn contact_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let date_time = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let clock = Format::new().set_num_format("h:mm:ss");
    let elapsed = Format::new().set_num_format("[h]:mm:ss");

    let sheet = book.add_worksheet().set_name("工单").unwrap();
    let headers = [
        "客服",
        "组别",
        "开始时间",
        "处理时长",
        "首响时长",
        "满意度",
        "已解决",
        "备注",
    ];
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string(2, col as u16, *header).unwrap();
    }
    let opened = WriteDate::parse_from_str("2024-03-05 09:15:30").unwrap();
    // Row 4 (sheet numbering): all shapes that read.
    sheet.write_string(3, 0, "王芳").unwrap();
    sheet.write_string(3, 1, "售后一组").unwrap();
    sheet
        .write_datetime_with_format(3, 2, &opened, &date_time)
        .unwrap();
    let handle = WriteDate::from_hms(0, 12, 5).unwrap();
    sheet
        .write_datetime_with_format(3, 3, &handle, &clock)
        .unwrap();
    sheet.write_number(3, 4, 42.5).unwrap();
    sheet.write_number(3, 5, 5.0).unwrap();
    sheet.write_boolean(3, 6, true).unwrap();
    sheet.write_string(3, 7, "说明, \"引号\"").unwrap();
    // Row 5: a date-only opening time and a duration past a day.
    sheet.write_string(4, 0, "李雷").unwrap();
    let day = WriteDate::from_ymd(2024, 3, 6).unwrap();
    sheet.write_datetime_with_format(4, 2, &day, &date).unwrap();
    let long = WriteDate::from_serial_datetime(1.5).unwrap();
    sheet
        .write_datetime_with_format(4, 3, &long, &elapsed)
        .unwrap();
    sheet.write_number(4, 5, 4.0).unwrap();
    // Row 6 is left blank; row 7 has an error cell for csat.
    sheet.write_string(6, 0, "韩梅梅").unwrap();
    sheet
        .write_datetime_with_format(6, 2, &opened, &date_time)
        .unwrap();
    sheet
        .write_formula(6, 5, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    // The title sits above the header, in a cell the range starts from: put it in row 3's
    // columns? No: a title row would become the header. Titles are the user's to remove.

    let second = book.add_worksheet().set_name("Summary").unwrap();
    second.write_string(0, 0, "agent").unwrap();
    second.write_string(0, 1, "opened_at").unwrap();
    second.write_string(1, 0, "Ann").unwrap();
    second.write_string(1, 1, "2024-01-02 03:04:05").unwrap();
    book.add_worksheet().set_name("Empty").unwrap();
    book.save_to_buffer().unwrap()
}

fn csv_text(sheet: &SheetCsv) -> &str {
    std::str::from_utf8(&sheet.csv).unwrap()
}

#[test]
fn sheet_names_are_listed_in_tab_order() {
    assert_eq!(
        xlsx_sheet_names(&contact_workbook()).unwrap(),
        ["工单", "Summary", "Empty"]
    );
}

#[test]
fn cells_become_the_text_excel_shows() {
    let sheet = xlsx_sheet_to_csv(&contact_workbook(), None).unwrap();
    assert_eq!(sheet.sheet, "工单");
    assert_eq!(sheet.header_row, 3, "the header is on sheet row 3");
    assert_eq!(
        csv_text(&sheet),
        "客服,组别,开始时间,处理时长,首响时长,满意度,已解决,备注\n\
         王芳,售后一组,2024-03-05 09:15:30,0:12:05,42.5,5,true,\"说明, \"\"引号\"\"\"\n\
         李雷,,2024-03-06,36:00:00,,4,,\n\
         ,,,,,,,\n\
         韩梅梅,,2024-03-05 09:15:30,,,#DIV/0!,,\n"
    );
}

#[test]
fn the_csv_ingests_with_rows_named_as_in_the_reader() {
    let sheet = xlsx_sheet_to_csv(&contact_workbook(), None).unwrap();
    let mapping = Mapping::from_json(
        r#"{"columns": {"agent": "客服", "team": "组别", "opened_at": "开始时间",
            "handle_secs": "处理时长", "first_response_secs": "首响时长", "csat": "满意度",
            "resolved": "已解决"}}"#,
    )
    .unwrap();
    let result = read_csv(&sheet.csv, Some(&mapping)).unwrap();
    assert_eq!(result.rows_read, 4);
    assert_eq!(result.store.len(), 2);
    let first = result.store.record(0);
    assert_eq!(first.agent, "王芳");
    assert_eq!(first.team.as_deref(), Some("售后一组"));
    assert_eq!(first.opened_at.to_string(), "2024-03-05 09:15:30");
    assert_eq!(first.handle_secs, Some(725.0));
    assert_eq!(first.first_response_secs, Some(42.5));
    assert_eq!(first.csat, Some(5));
    assert_eq!(first.resolved, Some(true));
    let second = result.store.record(1);
    assert_eq!(second.opened_at.to_string(), "2024-03-06 00:00:00");
    assert_eq!(second.handle_secs, Some(129_600.0));
    assert!(result.store.has_field(Field::Csat));
    // Reader rows (header = 1) -> sheet rows: + header_row - 1.
    let rows: Vec<(usize, &str)> = result
        .rejected
        .iter()
        .map(|r| (r.row + sheet.header_row - 1, r.field.as_str()))
        .collect();
    assert_eq!(rows, [(6, "agent"), (7, "csat")]);
    assert!(
        result.rejected[1].reason.contains("#DIV/0!"),
        "{:?}",
        result.rejected[1]
    );
}

#[test]
fn a_named_sheet_is_read_and_a_missing_one_is_named() {
    let book = contact_workbook();
    let summary = xlsx_sheet_to_csv(&book, Some("Summary")).unwrap();
    assert_eq!(summary.header_row, 1);
    assert_eq!(
        csv_text(&summary),
        "agent,opened_at\nAnn,2024-01-02 03:04:05\n"
    );
    assert_eq!(read_csv(&summary.csv, None).unwrap().store.len(), 1);
    assert_eq!(
        xlsx_sheet_to_csv(&book, Some("Nope"))
            .unwrap_err()
            .to_string(),
        "the workbook has no sheet \"Nope\" (its sheets: \"工单\", \"Summary\", \"Empty\")"
    );
    assert_eq!(
        xlsx_sheet_to_csv(&book, Some("Empty"))
            .unwrap_err()
            .to_string(),
        "sheet \"Empty\" is empty: there is no header row"
    );
}

#[test]
fn numbers_print_whole_or_shortest() {
    assert_eq!(cell_text(&Data::Float(3.0)), "3");
    assert_eq!(cell_text(&Data::Float(0.1 + 0.2)), "0.30000000000000004");
    assert_eq!(cell_text(&Data::Float(-12.25)), "-12.25");
    assert_eq!(cell_text(&Data::Int(-7)), "-7");
    assert_eq!(cell_text(&Data::Bool(false)), "false");
    assert_eq!(duration_text(12.5 / 86_400.0), "0:00:12.500");
}

#[test]
fn wrong_files_are_told_apart() {
    let message = |bytes: &[u8]| xlsx_sheet_names(bytes).unwrap_err().to_string();
    assert_eq!(message(b""), "the file is empty (0 bytes)");
    assert!(message(b"agent,opened_at\nAnn,2024-01-01\n").contains("give it a .csv name"));
    assert!(message(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest").contains("save it as .xlsx"));
    let book = contact_workbook();
    assert!(message(&book[..book.len() / 2]).starts_with("the workbook cannot be opened"));
}

#[test]
fn a_number_cell_beyond_the_store_is_a_rejected_row() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, header) in ["agent", "opened_at", "handle_secs"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, header).unwrap();
    }
    sheet.write_string(1, 0, "Ann").unwrap();
    sheet.write_string(1, 1, "2026-09-01 09:00").unwrap();
    sheet.write_number(1, 2, 1e39).unwrap();
    sheet.write_string(2, 0, "Bo").unwrap();
    sheet.write_string(2, 1, "2026-09-01 09:00").unwrap();
    sheet.write_number(2, 2, -0.0).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let sheet = xlsx_sheet_to_csv(&bytes, None).unwrap();
    let result = read_csv(&sheet.csv, None).unwrap();
    let rejected: Vec<(usize, &str)> = result
        .rejected
        .iter()
        .map(|r| (r.row, r.field.as_str()))
        .collect();
    assert_eq!(rejected, [(2, "handle_secs")]);
    let handle = result.store.seconds_column(Field::HandleSecs).unwrap();
    assert!(handle[0] == 0.0 && handle[0].is_sign_positive());
}
