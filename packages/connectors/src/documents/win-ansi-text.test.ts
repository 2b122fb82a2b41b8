import { describe, expect, it } from 'vitest';
import { isWinAnsi, toWinAnsi } from './win-ansi-text.ts';

describe('toWinAnsi', () => {
  it.each([
    ['Latin-1 stays', 'Zürich Straße Ærøskøbing São Paulo', 'Zürich Straße Ærøskøbing São Paulo'],
    ['WinAnsi extras stay', '€ – — “quoted” ‘single’ … • ™ Œuvre Šibenik Žilina', '€ – — “quoted” ‘single’ … • ™ Œuvre Šibenik Žilina'],
    ['Polish letters lose the stroke and the accent WinAnsi lacks', 'Łódź Gdańsk Kraków', 'Lódz Gdansk Kraków'],
    ['Czech, Slovak, Hungarian, Turkish, Romanian', 'Dvořák Ľudovít Erdős İstanbul Şişli Timișoara', 'Dvorák Ludovít Erdos Istanbul Sisli Timisoara'],
    ['Vietnamese keeps the accent WinAnsi has', 'Nguyễn Văn', 'Nguyên Van'],
    ['decomposed input is composed first', 'Jose\u0301', 'José'],
    ['CJK, Cyrillic and emoji become one "?" per character', '東京 Москва 😀', '?? ?????? ?'],
    ['ligatures and full-width letters decompose', 'ﬁnance ＡＢＣ', 'finance ABC'],
    ['Intl separators: narrow no-break space and minus sign', '1\u202f234,50 \u22125', '1\u00a0234,50 -5'],
    ['line breaks kept, CR LF folded, tabs and controls cleaned', 'a\r\nb\tc\u0007d\u200be', 'a\nb cde'],
  ])('%s', (_, input, expected) => {
    expect(toWinAnsi(input)).toBe(expected);
    expect(isWinAnsi(toWinAnsi(input))).toBe(true);
  });
});
