/** Reading the exports back and history files in the pane: CSV as Excel writes it, and download names. */
import { fileNameFrom } from '../../addin/src/api/api-client';
import { csvToCells, decodeCsvBytes, parseCsv } from '../../addin/src/files/csv';

describe('CSV in the pane', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF rows', () => {
    const text =
      '部门,月份,备注\r\n司法所,2020-07,"更正：""讲座"" 多报了一场,已改"\r\n街道办公室,2020-08,"第一行\r\n第二行"\r\n';
    expect(parseCsv(text)).toEqual([
      ['部门', '月份', '备注'],
      ['司法所', '2020-07', '更正："讲座" 多报了一场,已改'],
      ['街道办公室', '2020-08', '第一行\r\n第二行'],
    ]);
    expect(parseCsv('a,b\nc,')).toEqual([
      ['a', 'b'],
      ['c', ''],
    ]);
  });

  it('drops the BOM and reads UTF-8, or GB18030 as Excel on a Chinese Windows saves it', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('司法所,1')]);
    expect(decodeCsvBytes(utf8)).toBe('司法所,1');
    // "司法所" in GB18030 (GBK): CB BE B7 A8 CB F9
    expect(decodeCsvBytes(new Uint8Array([0xcb, 0xbe, 0xb7, 0xa8, 0xcb, 0xf9, 0x2c, 0x31]))).toBe('司法所,1');
  });

  it('turns whole numbers into numbers, keeps months, ids with leading zeros and notes as text', () => {
    expect(csvToCells([['2020-07', '12', '0', '007', "'=1+1", '-3', '1.5']])).toEqual([
      ['2020-07', 12, 0, '007', "'=1+1", -3, '1.5'],
    ]);
  });

  it('names a download by its Chinese file name when the server gives one', () => {
    expect(
      fileNameFrom(
        `attachment; filename="submissions_2020-01_2020-12.csv"; filename*=UTF-8''${encodeURIComponent('填报记录_2020-01_2020-12.csv')}`,
        'x.csv',
      ),
    ).toBe('填报记录_2020-01_2020-12.csv');
    expect(fileNameFrom('attachment; filename="a.xlsx"', 'x.xlsx')).toBe('a.xlsx');
    expect(fileNameFrom(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
