import type { DemoRandom } from './prng.ts';

/**
 * Where demo customers and suppliers are: per country, cities with their IANA time zone,
 * postal code and phone patterns, street names, company legal forms and naming words.
 *
 * Patterns: `#` is a digit, `@` an upper-case letter. Phone numbers use the ranges set
 * aside for fiction where a country has one (US 555-01xx, UK Ofcom drama numbers,
 * Australia 5550 xxxx), so a demo never dials a real line.
 */

/** One city: name, region (state, province), postal and phone patterns, time zone, weight. */
export interface DemoCity {
  name: string;
  region: string | null;
  postal: string;
  phone: string;
  zone: string;
  weight: number;
}

/** Everything the generators need to make a plausible party in one country. */
export interface CountryProfile {
  currency: string;
  /** Key of PERSON_NAMES. */
  names: string;
  cities: readonly DemoCity[];
  streets: readonly string[];
  /** "120 Hudson Street" (true) or "Torstraße 140" (false). */
  numberFirst: boolean;
  /** An optional second address line (suite, floor, unit). */
  line2?: (random: DemoRandom) => string | undefined;
  legalForms: readonly string[];
  /** Industry words in the local language, mixed with the English ones. */
  localIndustry?: readonly string[];
  /** Public-sector name patterns: `{T}` a town, `{B}` a brand word. */
  publicSector: readonly string[];
  /** Town name parts: prefix + suffix ("Oak" + "ton"), sometimes after a qualifier ("North "). */
  towns: readonly [prefixes: readonly string[], suffixes: readonly string[], qualifiers: readonly string[]];
}

type CityRow = readonly [name: string, region: string | null, postal: string, phone: string, zone: string, weight: number];

const cities = (rows: readonly CityRow[]): DemoCity[] =>
  rows.map(([name, region, postal, phone, zone, weight]) => ({ name, region, postal, phone, zone, weight }));

const maybe = (random: DemoRandom, p: number, make: () => string): string | undefined => (random.chance(p) ? make() : undefined);
const pad2 = (n: number): string => String(n).padStart(2, '0');

const EN_TOWNS = [
  ['Ash', 'Brook', 'Cedar', 'Clear', 'East', 'Fair', 'Green', 'Hazel', 'Kings', 'Lake', 'Maple', 'Mill', 'North', 'Oak', 'Pine', 'Red', 'River', 'Stone', 'West', 'Willow'],
  ['ton', 'ville', 'field', 'ford', 'bury', 'wood', 'dale', 'port', 'haven', 'mouth'],
  ['North ', 'South ', 'East ', 'West ', 'New ', 'Upper ', 'Lower ', 'Port ', 'Mount '],
] as const;
const DE_TOWNS = [
  ['Alten', 'Neu', 'Ober', 'Unter', 'Grün', 'Lind', 'Eich', 'Rosen', 'Stein', 'Wald', 'Hohen', 'Mühl', 'Sonnen', 'Falken'],
  ['burg', 'dorf', 'feld', 'hausen', 'heim', 'stadt', 'bach', 'berg', 'au', 'hagen'],
  ['Bad ', 'Groß ', 'Klein ', 'Alt '],
] as const;
const FR_TOWNS = [
  ['Beau', 'Mont', 'Val', 'Belle', 'Roche', 'Font', 'Clair', 'Haut', 'Bois', 'Ville'],
  ['mont', 'fort', 'ville', 'lieu', 'champ', 'val', 'bois', 'court', 'rive'],
  ['Saint-', 'Sainte-', 'Le ', 'La '],
] as const;

const US = 'America/New_York';
const CHI = 'America/Chicago';
const DEN = 'America/Denver';
const LA = 'America/Los_Angeles';

/** Country profiles for every country the demo parties live in. */
export const COUNTRY_PROFILES: Readonly<Record<string, CountryProfile>> = {
  US: {
    currency: 'USD',
    names: 'en',
    cities: cities([
      ['New York', 'NY', '100##', '+1 212 555 01##', US, 10], ['Boston', 'MA', '021##', '+1 617 555 01##', US, 5],
      ['Atlanta', 'GA', '303##', '+1 404 555 01##', US, 4], ['Miami', 'FL', '331##', '+1 305 555 01##', US, 3],
      ['Philadelphia', 'PA', '191##', '+1 215 555 01##', US, 3], ['Washington', 'DC', '200##', '+1 202 555 01##', US, 3],
      ['Chicago', 'IL', '606##', '+1 312 555 01##', CHI, 7], ['Austin', 'TX', '787##', '+1 512 555 01##', CHI, 5],
      ['Dallas', 'TX', '752##', '+1 214 555 01##', CHI, 4], ['Minneapolis', 'MN', '554##', '+1 612 555 01##', CHI, 2],
      ['Denver', 'CO', '802##', '+1 303 555 01##', DEN, 4], ['Salt Lake City', 'UT', '841##', '+1 801 555 01##', DEN, 2],
      ['Phoenix', 'AZ', '850##', '+1 602 555 01##', 'America/Phoenix', 2], ['San Francisco', 'CA', '941##', '+1 415 555 01##', LA, 8],
      ['Los Angeles', 'CA', '900##', '+1 213 555 01##', LA, 5], ['Seattle', 'WA', '981##', '+1 206 555 01##', LA, 5],
      ['Portland', 'OR', '972##', '+1 503 555 01##', LA, 2],
    ]),
    streets: ['Main Street', 'Market Street', 'Broadway', 'Oak Avenue', 'Park Avenue', 'Elm Street', 'Washington Boulevard', 'Lake Street', 'Maple Avenue', 'Pine Street', 'Madison Avenue', 'Mission Street', '2nd Avenue', 'Congress Avenue', 'Commerce Street'],
    numberFirst: true,
    line2: (r) => maybe(r, 0.35, () => (r.chance(0.6) ? `Suite ${r.int(100, 2400)}` : `Floor ${r.int(2, 40)}`)),
    legalForms: ['Inc.', 'LLC', 'Corp.'],
    publicSector: ['City of {T}', '{T} County Government', '{T} Unified School District', '{T} Regional Transit Authority', '{T} Public Library'],
    towns: EN_TOWNS,
  },
  CA: {
    currency: 'USD',
    names: 'en',
    cities: cities([
      ['Toronto', 'ON', 'M5V #@#', '+1 416 555 01##', 'America/Toronto', 5],
      ['Vancouver', 'BC', 'V6B #@#', '+1 604 555 01##', 'America/Vancouver', 3],
      ['Montréal', 'QC', 'H3B #@#', '+1 514 555 01##', 'America/Toronto', 2],
    ]),
    streets: ['King Street West', 'Queen Street East', 'Bay Street', 'Granville Street', 'Yonge Street', 'Rue Sainte-Catherine Ouest'],
    numberFirst: true,
    line2: (r) => maybe(r, 0.3, () => `Suite ${r.int(100, 2000)}`),
    legalForms: ['Inc.', 'Ltd.'],
    publicSector: ['City of {T}', '{T} District School Board'],
    towns: EN_TOWNS,
  },
  GB: {
    currency: 'GBP',
    names: 'en',
    cities: cities([
      ['London', null, 'EC2A #@@', '+44 20 7946 0###', 'Europe/London', 6], ['London', null, 'W1T #@@', '+44 20 7946 0###', 'Europe/London', 3],
      ['London', null, 'SE1 #@@', '+44 20 7946 0###', 'Europe/London', 2], ['Manchester', null, 'M1 #@@', '+44 161 496 0###', 'Europe/London', 3],
      ['Bristol', null, 'BS1 #@@', '+44 117 496 0###', 'Europe/London', 2], ['Edinburgh', null, 'EH2 #@@', '+44 131 496 0###', 'Europe/London', 2],
      ['Leeds', null, 'LS1 #@@', '+44 113 496 0###', 'Europe/London', 2], ['Cambridge', null, 'CB2 #@@', '+44 1632 960 ###', 'Europe/London', 1],
    ]),
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Street', 'King Street', 'Queen Street', 'Old Street', 'Park Road', 'Mill Lane', 'Albion Street', 'Commercial Road', 'Princes Street'],
    numberFirst: true,
    line2: (r) => maybe(r, 0.25, () => (r.chance(0.5) ? `Floor ${r.int(1, 8)}` : `Unit ${r.int(1, 30)}`)),
    legalForms: ['Ltd', 'PLC', 'LLP'],
    publicSector: ['{T} Borough Council', '{T} City Council', '{T} NHS Foundation Trust', 'University of {T}'],
    towns: EN_TOWNS,
  },
  IE: {
    currency: 'EUR',
    names: 'en',
    cities: cities([['Dublin', null, 'D02 @###', '+353 1 ### ####', 'Europe/Dublin', 4], ['Cork', null, 'T12 @###', '+353 21 ### ####', 'Europe/Dublin', 1]]),
    streets: ['Baggot Street Lower', 'Grafton Street', 'Harcourt Street', 'Patrick Street', 'Merrion Square'],
    numberFirst: true,
    line2: (r) => maybe(r, 0.2, () => `Floor ${r.int(1, 5)}`),
    legalForms: ['Ltd', 'DAC'],
    publicSector: ['{T} County Council'],
    towns: EN_TOWNS,
  },
  DE: {
    currency: 'EUR',
    names: 'de',
    cities: cities([
      ['Berlin', null, '10###', '+49 30 #######', 'Europe/Berlin', 6], ['München', null, '80###', '+49 89 #######', 'Europe/Berlin', 5],
      ['Hamburg', null, '20###', '+49 40 #######', 'Europe/Berlin', 4], ['Frankfurt am Main', null, '60###', '+49 69 #######', 'Europe/Berlin', 3],
      ['Köln', null, '50###', '+49 221 #######', 'Europe/Berlin', 3], ['Stuttgart', null, '70###', '+49 711 #######', 'Europe/Berlin', 2],
      ['Leipzig', null, '04###', '+49 341 #######', 'Europe/Berlin', 2], ['Düsseldorf', null, '40###', '+49 211 #######', 'Europe/Berlin', 2],
    ]),
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Friedrichstraße', 'Schillerstraße', 'Goethestraße', 'Lindenallee', 'Kaiserstraße', 'Gartenstraße', 'Berliner Allee', 'Mozartstraße', 'Industriestraße'],
    numberFirst: false,
    line2: (r) => maybe(r, 0.15, () => `${r.int(1, 5)}. OG`),
    legalForms: ['GmbH', 'AG', 'GmbH & Co. KG'],
    localIndustry: ['Logistik', 'Maschinenbau', 'Medizintechnik', 'Energie', 'Bau', 'Versicherungen', 'Handel', 'Software', 'Immobilien', 'Systemtechnik', 'Beratung', 'Automation'],
    publicSector: ['Stadt {T}', 'Stadtwerke {T}', 'Landkreis {T}', 'Hochschule {T}'],
    towns: DE_TOWNS,
  },
  AT: {
    currency: 'EUR',
    names: 'de',
    cities: cities([['Wien', null, '1##0', '+43 1 #######', 'Europe/Vienna', 4], ['Graz', null, '80##', '+43 316 ######', 'Europe/Vienna', 1], ['Linz', null, '40##', '+43 732 ######', 'Europe/Vienna', 1]]),
    streets: ['Mariahilfer Straße', 'Landstraßer Hauptstraße', 'Herrengasse', 'Praterstraße', 'Wiedner Hauptstraße'],
    numberFirst: false,
    legalForms: ['GmbH', 'AG'],
    localIndustry: ['Logistik', 'Energie', 'Bau', 'Handel', 'Software', 'Beratung'],
    publicSector: ['Stadtgemeinde {T}', 'Fachhochschule {T}'],
    towns: DE_TOWNS,
  },
  NL: {
    currency: 'EUR',
    names: 'nl',
    cities: cities([
      ['Amsterdam', null, '10## @@', '+31 20 ### ####', 'Europe/Amsterdam', 4], ['Rotterdam', null, '30## @@', '+31 10 ### ####', 'Europe/Amsterdam', 2],
      ['Utrecht', null, '35## @@', '+31 30 ### ####', 'Europe/Amsterdam', 2], ['Eindhoven', null, '56## @@', '+31 40 ### ####', 'Europe/Amsterdam', 1],
    ]),
    streets: ['Keizersgracht', 'Herengracht', 'Prinsengracht', 'Stationsplein', 'Kerkstraat', 'Weena', 'Coolsingel'],
    numberFirst: false,
    legalForms: ['B.V.', 'N.V.'],
    localIndustry: ['Logistiek', 'Techniek', 'Bouw', 'Zorg', 'Groep', 'Handel'],
    publicSector: ['Gemeente {T}', 'Hogeschool {T}'],
    towns: [['Oost', 'West', 'Noord', 'Zuid', 'Hoog', 'Berg', 'Veld', 'Zand', 'Brink'], ['dam', 'dijk', 'hoven', 'wijk', 'veen', 'horst'], ['Nieuw-', 'Oud-']],
  },
  SE: {
    currency: 'EUR',
    names: 'sv',
    cities: cities([
      ['Stockholm', null, '11# ##', '+46 8 ### ### ##', 'Europe/Stockholm', 4], ['Göteborg', null, '41# ##', '+46 31 ### ## ##', 'Europe/Stockholm', 2],
      ['Malmö', null, '21# ##', '+46 40 ### ## ##', 'Europe/Stockholm', 1],
    ]),
    streets: ['Drottninggatan', 'Kungsgatan', 'Storgatan', 'Sveavägen', 'Vasagatan'],
    numberFirst: false,
    legalForms: ['AB'],
    localIndustry: ['Logistik', 'Energi', 'Bygg', 'Konsult', 'Teknik'],
    publicSector: ['{T} kommun', 'Region {T}'],
    towns: [['Ek', 'Björk', 'Lind', 'Sjö', 'Berg', 'Ström', 'Al'], ['by', 'holm', 'vik', 'sund', 'ås', 'berga'], ['Norra ', 'Södra ', 'Västra ', 'Östra ']],
  },
  FR: {
    currency: 'EUR',
    names: 'fr',
    cities: cities([
      ['Paris', null, '7500#', '+33 1 ## ## ## ##', 'Europe/Paris', 4], ['Paris', null, '7501#', '+33 1 ## ## ## ##', 'Europe/Paris', 3],
      ['Lyon', null, '6900#', '+33 4 ## ## ## ##', 'Europe/Paris', 3], ['Marseille', null, '1300#', '+33 4 ## ## ## ##', 'Europe/Paris', 2],
      ['Toulouse', null, '31000', '+33 5 ## ## ## ##', 'Europe/Paris', 2], ['Nantes', null, '44000', '+33 2 ## ## ## ##', 'Europe/Paris', 1],
      ['Bordeaux', null, '33000', '+33 5 ## ## ## ##', 'Europe/Paris', 1], ['Lille', null, '59000', '+33 3 ## ## ## ##', 'Europe/Paris', 1],
    ]),
    streets: ['rue de la République', 'boulevard Haussmann', 'rue Victor Hugo', 'rue de Rivoli', 'avenue Jean Jaurès', 'rue du Général Leclerc', 'place de la Bourse', 'rue Pasteur', 'quai des Chartrons'],
    numberFirst: true,
    line2: (r) => maybe(r, 0.2, () => `Bâtiment ${r.pick(['A', 'B', 'C', 'D'])}`),
    legalForms: ['SAS', 'SA', 'SARL'],
    localIndustry: ['Conseil', 'Logistique', 'Énergies', 'Transports', 'Immobilier', 'Distribution', 'Santé', 'Ingénierie', 'Industries', 'Services'],
    publicSector: ['Mairie de {T}', 'Communauté de communes de {T}', 'Université de {T}', 'Centre hospitalier de {T}'],
    towns: FR_TOWNS,
  },
  BE: {
    currency: 'EUR',
    names: 'fr',
    cities: cities([['Bruxelles', null, '1000', '+32 2 ### ## ##', 'Europe/Brussels', 3], ['Antwerpen', null, '2000', '+32 3 ### ## ##', 'Europe/Brussels', 2], ['Gent', null, '9000', '+32 9 ### ## ##', 'Europe/Brussels', 1]]),
    streets: ['Rue de la Loi', 'Avenue Louise', 'Meir', 'Korenmarkt', 'Boulevard Anspach'],
    numberFirst: false,
    legalForms: ['SA', 'SRL', 'BV'],
    localIndustry: ['Conseil', 'Logistique', 'Services', 'Industries'],
    publicSector: ['Commune de {T}', 'Ville de {T}'],
    towns: FR_TOWNS,
  },
  ES: {
    currency: 'EUR',
    names: 'es',
    cities: cities([['Madrid', null, '280##', '+34 91 ### ## ##', 'Europe/Madrid', 3], ['Barcelona', null, '080##', '+34 93 ### ## ##', 'Europe/Madrid', 3], ['Valencia', null, '460##', '+34 96 ### ## ##', 'Europe/Madrid', 1]]),
    streets: ['Calle de Alcalá', 'Gran Vía', 'Passeig de Gràcia', 'Calle Mayor', 'Avinguda Diagonal'],
    numberFirst: false,
    legalForms: ['S.L.', 'S.A.'],
    localIndustry: ['Logística', 'Energía', 'Construcciones', 'Consultores', 'Distribuciones', 'Ingeniería'],
    publicSector: ['Ayuntamiento de {T}', 'Universidad de {T}'],
    towns: [['Villa', 'Monte', 'Torre', 'Valde', 'Puerto', 'Campo'], ['nueva', 'blanca', 'alta', 'verde', 'mar', 'real'], ['San ', 'Santa ']],
  },
  IT: {
    currency: 'EUR',
    names: 'it',
    cities: cities([['Milano', null, '201##', '+39 02 #### ####', 'Europe/Rome', 3], ['Roma', null, '001##', '+39 06 #### ####', 'Europe/Rome', 2], ['Torino', null, '101##', '+39 011 ### ####', 'Europe/Rome', 1]]),
    streets: ['Via Torino', 'Corso Buenos Aires', 'Via del Corso', 'Via Roma', 'Corso Vittorio Emanuele II'],
    numberFirst: false,
    legalForms: ['S.r.l.', 'S.p.A.'],
    localIndustry: ['Logistica', 'Energia', 'Costruzioni', 'Consulenza', 'Meccanica', 'Ingegneria'],
    publicSector: ['Comune di {T}', 'Università di {T}'],
    towns: [['Monte', 'Castel', 'Villa', 'Borgo', 'Rocca', 'Poggio'], ['franco', 'nuovo', 'verde', 'alto', 'chiaro', 'bello'], ['San ', 'Santa ']],
  },
  SG: {
    currency: 'SGD',
    names: 'sg',
    cities: cities([
      ['Singapore', null, '01####', '+65 6### ####', 'Asia/Singapore', 3], ['Singapore', null, '04####', '+65 6### ####', 'Asia/Singapore', 2],
      ['Singapore', null, '06####', '+65 6### ####', 'Asia/Singapore', 2], ['Singapore', null, '23####', '+65 6### ####', 'Asia/Singapore', 1],
      ['Singapore', null, '13####', '+65 6### ####', 'Asia/Singapore', 1], ['Singapore', null, '48####', '+65 6### ####', 'Asia/Singapore', 1],
    ]),
    streets: ['Raffles Place', 'Cecil Street', 'Anson Road', 'Robinson Road', 'Tanjong Pagar Road', 'Ubi Avenue 1', 'Orchard Road', 'Science Park Road'],
    numberFirst: true,
    line2: (r) => maybe(r, 0.7, () => `#${pad2(r.int(2, 40))}-${pad2(r.int(1, 20))}`),
    legalForms: ['Pte. Ltd.'],
    publicSector: ['{B} Polytechnic', '{B} Town Council', '{B} Community Hospital'],
    towns: EN_TOWNS,
  },
  AU: {
    currency: 'AUD',
    names: 'en',
    cities: cities([
      ['Sydney', 'NSW', '2000', '+61 2 5550 ####', 'Australia/Sydney', 5], ['Melbourne', 'VIC', '3000', '+61 3 5550 ####', 'Australia/Melbourne', 5],
      ['Brisbane', 'QLD', '4000', '+61 7 5550 ####', 'Australia/Brisbane', 3], ['Perth', 'WA', '6000', '+61 8 5550 ####', 'Australia/Perth', 2],
      ['Adelaide', 'SA', '5000', '+61 8 5550 ####', 'Australia/Adelaide', 1], ['Canberra', 'ACT', '2600', '+61 2 5550 ####', 'Australia/Sydney', 1],
      ['Hobart', 'TAS', '7000', '+61 3 5550 ####', 'Australia/Hobart', 1],
    ]),
    streets: ['George Street', 'Collins Street', 'Queen Street', 'Pitt Street', 'Flinders Lane', 'St Georges Terrace', 'King William Street', 'Elizabeth Street'],
    numberFirst: true,
    line2: (r) => maybe(r, 0.4, () => `Level ${r.int(1, 40)}`),
    legalForms: ['Pty Ltd', 'Ltd'],
    publicSector: ['{T} City Council', '{T} Shire Council', '{T} Health Service', 'University of {T}'],
    towns: EN_TOWNS,
  },
};

/** The profile of `country`; throws for a country the demo has no profile for (a bug). */
export function countryProfile(country: string): CountryProfile {
  const profile = COUNTRY_PROFILES[country];
  if (!profile) throw new Error(`demo data: no country profile for ${country}`);
  return profile;
}

// No I or O: they read as 1 and 0 in postcodes.
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Fills a pattern: each `#` becomes a digit, each `@` an upper-case letter. */
export function fillPattern(pattern: string, random: DemoRandom): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '#') out += String(random.int(0, 9));
    else if (ch === '@') out += LETTERS[random.int(0, LETTERS.length - 1)];
    else out += ch;
  }
  return out;
}
