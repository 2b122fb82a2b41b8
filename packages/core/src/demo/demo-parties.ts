import type { Contact, PostalAddress } from '../db/schema.ts';
import { countryProfile, fillPattern, type DemoCity } from './demo-geography.ts';
import type { DemoRandom } from './prng.ts';
import { BRAND_ENDINGS, BRAND_WORDS, CONTACT_ROLES, INDUSTRY_WORDS, PERSON_NAMES } from './word-lists.ts';

/**
 * Building blocks shared by the customer and supplier generators: addresses, company
 * names (unique within one generator run), contacts with `.example` mail domains.
 */

/** A postal address in `country` and the city it is in (which decides the time zone). */
export function demoAddress(country: string, random: DemoRandom): { address: PostalAddress; city: DemoCity } {
  const profile = countryProfile(country);
  const city = random.weighted(profile.cities.map((c) => [c, c.weight] as const));
  const street = random.pick(profile.streets);
  const number = random.int(1, 250);
  const line2 = profile.line2?.(random);
  const address: PostalAddress = {
    line1: profile.numberFirst ? `${number} ${street}` : `${street} ${number}`,
    ...(line2 ? { line2 } : {}),
    city: city.name,
    ...(city.region ? { region: city.region } : {}),
    postalCode: fillPattern(city.postal, random),
    country,
  };
  return { address, city };
}

/** Lower-case ASCII letters and digits only ("Müller & Söhne" → "mullersohne"); for mail domains and local parts. */
export function asciiSlug(value: string, keep = ''): string {
  return value
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(new RegExp(`[^a-z0-9${keep}]+`, 'g'), '');
}

/** A brand: a word ("Cedar") or, about half the time, a compound ("Cedarbrook"). */
function brandName(random: DemoRandom): string {
  const word = random.pick(BRAND_WORDS);
  return random.chance(0.45) ? `${word}${random.pick(BRAND_ENDINGS)}` : word;
}

const ROMAN = ['II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/**
 * Makes company names that are unique within one run: draws again on a clash (the draws
 * come from the seeded stream, so the outcome is still deterministic) and, if the name
 * space is nearly used up, numbers the name ("Cedar Analytics II Inc.").
 */
export class CompanyNamer {
  private readonly used = new Set<string>();

  /**
   * A commercial name: brand (+ optional compound) + activity word + legal form. Without
   * `activity` words, English industry words are mixed half and half with local ones.
   */
  business(country: string, random: DemoRandom, activity?: readonly string[]): { name: string; core: string } {
    const profile = countryProfile(country);
    const draw = (): { core: string; form: string } => {
      const brand = brandName(random);
      const words = activity ?? (profile.localIndustry && random.chance(0.5) ? profile.localIndustry : INDUSTRY_WORDS);
      return { core: `${brand} ${random.pick(words)}`, form: random.pick(profile.legalForms) };
    };
    return this.unique(random, draw);
  }

  /** A public-sector body: a town council, school district, university, hospital… */
  publicSector(country: string, random: DemoRandom): { name: string; core: string } {
    const profile = countryProfile(country);
    const [prefixes, suffixes, qualifiers] = profile.towns;
    const draw = (): { core: string; form: string } => {
      const qualifier = random.chance(0.3) ? random.pick(qualifiers) : '';
      const town = `${qualifier}${random.pick(prefixes)}${random.pick(suffixes)}`;
      const core = random.pick(profile.publicSector).replace('{T}', town).replace('{B}', brandName(random));
      return { core, form: '' };
    };
    return this.unique(random, draw);
  }

  private unique(random: DemoRandom, draw: () => { core: string; form: string }): { name: string; core: string } {
    const join = (core: string, form: string): string => (form ? `${core} ${form}` : core);
    let last = draw();
    for (let attempt = 0; attempt < 12 && this.used.has(join(last.core, last.form)); attempt += 1) last = draw();
    let { core } = last;
    for (let n = 0; this.used.has(join(core, last.form)); n += 1) {
      core = `${last.core} ${ROMAN[n] ?? String(n + 2)}`;
    }
    const name = join(core, last.form);
    this.used.add(name);
    return { name, core };
  }
}

/** A person's first and last name in the naming tradition of `country`. */
export function personName(country: string, random: DemoRandom): { first: string; last: string } {
  const names = PERSON_NAMES[countryProfile(country).names] ?? PERSON_NAMES.en;
  if (!names) throw new Error('demo data: no person names');
  return { first: random.pick(names.first), last: random.pick(names.last) };
}

/**
 * 1–`max` contacts at a company whose mail domain is `<core slug>.example` (RFC 2606:
 * reserved, never delivered). The first contact is accounts payable, where invoices go.
 */
export function demoContacts(country: string, city: DemoCity, core: string, random: DemoRandom, max: number): Contact[] {
  const domain = `${asciiSlug(core).slice(0, 40) || 'customer'}.example`;
  const count = random.int(1, max);
  const contacts: Contact[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    const { first, last } = personName(country, random);
    let email = `${asciiSlug(first)}.${asciiSlug(last)}@${domain}`;
    if (seen.has(email)) email = `${asciiSlug(first)}.${asciiSlug(last)}${i + 1}@${domain}`;
    seen.add(email);
    const role = i === 0 ? 'Accounts payable' : random.pick(CONTACT_ROLES);
    const phone = random.chance(0.6) ? fillPattern(city.phone, random) : undefined;
    contacts.push({ name: `${first} ${last}`, email, role, ...(phone ? { phone } : {}) });
  }
  return contacts;
}
