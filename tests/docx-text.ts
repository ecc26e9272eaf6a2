// Test helper: what a DOCX prints — its body paragraphs outside tables and each table's rows of cell
// texts — read with jszip from word/document.xml, so tests check the document a person would read.
import JSZip from 'jszip';

export type DocxText = { paragraphs: string[]; tables: string[][][]; footers: string };

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const textOf = (xml: string) => unescape([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
const paragraphsOf = (xml: string) => [...xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0]));

export async function readDocx(bytes: Uint8Array | Buffer): Promise<DocxText> {
  const zip = await JSZip.loadAsync(bytes);
  const body = await zip.file('word/document.xml')!.async('string');
  const tables = [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) => [...t[0].matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphsOf(c[0]).join('\n'))));
  const outside = body.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const footerFiles = Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f));
  const footers = (await Promise.all(footerFiles.map((f) => zip.file(f)!.async('string')))).map(textOf).join('\n');
  return { paragraphs: paragraphsOf(outside), tables, footers };
}
