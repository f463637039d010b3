#!/usr/bin/env python3
"""Writes the record-file corpus in tests/bad_inputs/records/ (stdlib only; deterministic).

Run from anywhere: python3 tests/bad_inputs/make_records.py
What each file must do is in records/expected.json, checked by
crates/engine/tests/bad_records.rs. Every file stays under 1.5 MB.
"""
import os
import struct
import zlib

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "records")
HEADER = "id,agent,team,channel,topic,opened_at,first_response_secs,handle_secs,resolved_at,csat\n"


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    assert len(data) < 1_500_000, name
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(data)


def png():
    """A real 2x2 PNG image."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main():
    os.makedirs(HERE, exist_ok=True)
    write("empty.csv", b"")
    write("header_only.csv", HEADER)
    write("truncated_in_quotes.csv",
          HEADER + 'T1,Ann,A,chat,refund,2021-01-04 09:00,10,60,,5\n'
          'T2,Bo,A,chat,"refund, then the customer wrote')
    later = "".join(f"Bo,2021-01-04 10:{i % 60:02},refund {i}\n" for i in range(5000))
    write("unterminated_quote_row_2.csv",
          'agent,opened_at,topic\nAnn,2021-01-04 09:00,"refund, then\n' + later)
    write("quote_spans_300_lines.csv",
          'agent,opened_at,topic\nAnn,2021-01-04 09:00,"refund, then\n' + later[:300 * 26]
          + 'Cy,2021-01-04 11:00,stray"\nDi,2021-01-04 12:00,refund\n')
    write("binary_png.csv", png())
    write("utf16le_without_bom.csv",
          ("agent,opened_at,topic\r\n张伟,2021-01-04 09:00,退款\r\nAnn,2021-01-04 10:00,refund\r\n")
          .encode("utf-16-le"))
    write("utf16le_with_bom.csv",
          b"\xff\xfe" + ("agent,opened_at,topic\r\n李娜,2021-01-04 09:00,退货\r\n").encode("utf-16-le"))
    write("gbk_chinese_headers.csv",
          "工单号,客服昵称,所属组,进线时间,满意度\n"
          "G1,张伟,售后一组,2021-01-04 09:00:00,5\n"
          "G2,李娜,售后二组,2021-01-04 10:00:00,4\n"
          "G3,王芳,售后一组,2021-01-04 11:00:00,\n".encode("gbk"))
    write("invalid_utf8_not_gb18030.csv",
          b"agent,opened_at\nAnn,2021-01-04 09:00\nB\xff\xfe\xff,2021-01-04 10:00\n")
    write("utf8_stray_byte.csv",
          "agent,opened_at,topic\n张伟,2021-01-04 09:00,退款\n李娜,2021-01-04 10:00,退货\n".encode()
          + b"Ren\xe9,2021-01-04 11:00,refund\n" + "王芳,2021-01-04 12:00,换货\n".encode())
    utf32 = "agent,opened_at\nAnn,2021-01-04 09:00\n"
    write("utf32le_with_bom.csv", b"\xff\xfe\x00\x00" + utf32.encode("utf-32-le"))
    write("utf32be_with_bom.csv", b"\x00\x00\xfe\xff" + utf32.encode("utf-32-be"))
    write("duplicate_headers.csv", "agent,opened_at,agent\nAnn,2021-01-04 09:00,Bo\n")
    write("missing_agent_column.csv", "opened_at,csat\n2021-01-04 09:00,5\n")
    write("text_in_number_columns.csv",
          HEADER + "T1,Ann,A,chat,refund,2021-01-04 09:00,10,about a minute,,5\n"
          "T2,Bo,A,chat,refund,2021-01-04 09:00,10,60,,five\n"
          "T3,Cy,A,chat,refund,2021-01-04 09:00,ten,60,,4\n"
          "T4,Di,A,chat,refund,2021-01-04 09:00,10,60,,4\n")
    write("negative_durations.csv",
          HEADER + "T1,Ann,A,chat,refund,2021-01-04 09:00,10,-60,,5\n"
          "T2,Bo,A,chat,refund,2021-01-04 09:00,-1,60,,5\n"
          "T3,Cy,A,chat,refund,2021-01-04 09:00,-0:30,60,,5\n"
          "T4,Di,A,chat,refund,2021-01-04 09:00,0,0,,5\n")
    write("resolved_before_opened.csv",
          HEADER + "T1,Ann,A,chat,refund,2021-01-04 09:00,10,60,2021-01-04 08:59,5\n"
          "T2,Bo,A,chat,refund,2021-01-04 09:00,10,60,2021-01-04 09:00,5\n"
          "T3,Cy,A,chat,refund,2021-01-04 09:00,10,60,2021-01-03,5\n")
    write("csat_out_of_range.csv",
          HEADER + "T1,Ann,A,chat,refund,2021-01-04 09:00,10,60,,0\n"
          "T2,Bo,A,chat,refund,2021-01-04 09:00,10,60,,7\n"
          "T3,Cy,A,chat,refund,2021-01-04 09:00,10,60,,4.5\n"
          "T4,Di,A,chat,refund,2021-01-04 09:00,10,60,,1\n")
    write("unparseable_dates.csv",
          HEADER + "T1,Ann,A,chat,refund,yesterday,10,60,,5\n"
          "T2,Bo,A,chat,refund,2021-02-30 09:00,10,60,,5\n"
          "T3,Cy,A,chat,refund,31/31/2021 09:00,10,60,,5\n"
          "T4,Di,A,chat,refund,2021-01-04 09:00,10,60,not yet,5\n"
          "T5,Ed,A,chat,refund,2021-01-04 25:00,10,60,,5\n"
          "T6,Fa,A,chat,refund,04/01/2021 09:00,10,60,,5\n")
    write("huge_cells.csv",
          HEADER + "T1,Ann,A,chat," + "x" * 1_000_000 + ",2021-01-04 09:00,10,60,,5\n"
          "T2,Bo,A,chat,refund,2021-01-04 09:00,10,60,," + "9" * 300_000 + "\n")
    write("too_many_cells.csv",
          HEADER + "T1,Ann,A,chat,refund,2021-01-04 09:00,10,60,,5\n"
          "T2,Bo,A,chat,refund,2021-01-04 09:00,10,60,,5,extra\n")
    write("too_few_cells.csv",
          HEADER + "T1,Ann,A,chat,refund,2021-01-04 09:00\n"
          "T2,Bo,A,chat,refund,2021-01-04 09:00,10,60,,5\n")
    write("nul_bytes.csv",
          HEADER + "T1,An\x00n,A,chat,refund,2021-01-04 09:00,10,60,,5\n"
          "T2,Bo,A,chat,ref\x00und,2021-01-04 09:00,10,60,,5\n")
    write("only_delimiters.csv", ",,,,\n,,,,\n;;;\n")
    write("missing_required_values.csv",
          HEADER + "T1,,A,chat,refund,2021-01-04 09:00,10,60,,5\n"
          "T2,Bo,A,chat,refund,,10,60,,5\n"
          "T3,  ,A,chat,refund,NA,10,60,,5\n"
          "T4,Di,A,chat,refund,2021-01-04 09:00,10,60,,5\n")
    write("not_an_array.json", '{"agent": "Ann", "opened_at": "2021-01-04 09:00"}\n')
    write("empty_array.json", "[]\n")
    write("truncated.json",
          '[{"agent": "Ann", "opened_at": "2021-01-04 09:00"},\n {"agent": "Bo", "opened_')
    write("wrong_types.json",
          '[{"agent": "Ann", "opened_at": "2021-01-04 09:00", "csat": "five"},\n'
          ' {"agent": "Bo", "opened_at": true, "csat": 4},\n'
          ' {"agent": "Cy", "opened_at": "2021-01-04 09:00", "handle_secs": [60]},\n'
          ' {"agent": 42, "opened_at": "2021-01-04 09:00", "csat": 5},\n'
          ' "Di",\n'
          ' {"agent": "Ed", "opened_at": "2021-01-04 09:00", "handle_secs": {"s": 1}}]\n')
    script = "<script>alert(1)</script>"
    img = '<img src=x onerror="alert(1)">'
    cells = lambda text: text.replace('"', '""')
    write("script_in_every_text_cell.csv",
          HEADER
          + f'"{cells(script)}","{cells(script)}","{cells(script)}","{cells(script)}","{cells(script)}",'
            '2021-01-04 09:00,10,60,,5\n'
          + f'"{cells(img)}1","{cells(img)}","{cells(img)}","{cells(img)}","{cells(img)}",'
            '2021-01-04 10:00,10,60,,5\n')
    write("script_in_every_text_cell.json",
          '[{"id": "<script>alert(1)</script>", "agent": "<script>alert(1)</script>",'
          ' "team": "<img src=x onerror=\\"alert(1)\\">", "topic": "</script><script>alert(2)</script>",'
          ' "opened_at": "2021-01-04 09:00"}]\n')
    write("formula_looking_cells.csv",
          HEADER
          + "\"=cmd|' /C calc'!A0\",=HYPERLINK(\"\"http://x\"\"),+1+1,@SUM(A1),-2+3,2021-01-04 09:00,10,60,,5\n"
          .replace(",=HYPERLINK", ",\"=HYPERLINK").replace("\"\"),", "\"\")\",")
          + "T2,=1+1,\t=2,=cmd|' /C calc'!A0,@x,2021-01-04 10:00,10,60,,5\n")


if __name__ == "__main__":
    main()
