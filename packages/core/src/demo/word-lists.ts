/**
 * Word lists for demo names. Everything here is invented or generic; combinations may
 * happen to match a real business, as with any name generator, but no list names one.
 */

/** Brand words for company names ("Cedar", combined as "Cedar Analytics" or "Cedarbrook Labs"). */
export const BRAND_WORDS: readonly string[] = [
  'Apex', 'Arbor', 'Atlas', 'Beacon', 'Birch', 'Bluebird', 'Boreal', 'Cascade', 'Cedar', 'Cinder',
  'Cobalt', 'Copper', 'Coral', 'Crescent', 'Delta', 'Drift', 'Ember', 'Evergreen', 'Falcon', 'Fern',
  'Flint', 'Foxglove', 'Garnet', 'Glacier', 'Granite', 'Harbor', 'Hawthorn', 'Helix', 'Heron', 'Horizon',
  'Indigo', 'Iris', 'Juniper', 'Kestrel', 'Keystone', 'Lantern', 'Larch', 'Linden', 'Magnolia', 'Maple',
  'Marble', 'Meadow', 'Meridian', 'Mosaic', 'Nimbus', 'Northstar', 'Oakridge', 'Obsidian', 'Onyx', 'Orchid',
  'Osprey', 'Pebble', 'Pinnacle', 'Polaris', 'Prairie', 'Quarry', 'Quill', 'Raven', 'Redwood', 'Ridgeline',
  'Saffron', 'Sequoia', 'Sierra', 'Silverline', 'Slate', 'Sparrow', 'Spruce', 'Summit', 'Tamarack', 'Tidewater',
  'Topaz', 'Trillium', 'Tundra', 'Vantage', 'Velvet', 'Verdant', 'Willow', 'Wren', 'Yarrow', 'Zephyr',
];

/** Endings that turn a brand word into a compound ("Cedar" + "brook" = "Cedarbrook"). */
export const BRAND_ENDINGS: readonly string[] = [
  'bay', 'bridge', 'brook', 'field', 'gate', 'point', 'stone', 'vale', 'peak', 'rock', 'wood', 'light', 'crest', 'path', 'works',
];

/** What a customer does, in English (used everywhere English company names are common). */
export const INDUSTRY_WORDS: readonly string[] = [
  'Analytics', 'Logistics', 'Health', 'Robotics', 'Media', 'Foods', 'Capital', 'Energy', 'Networks', 'Dynamics',
  'Retail', 'Biosciences', 'Freight', 'Studios', 'Manufacturing', 'Labs', 'Systems', 'Technologies', 'Consulting', 'Insurance',
  'Pharma', 'Telecom', 'Mobility', 'Security', 'Learning', 'Hospitality', 'Marine', 'Aerospace', 'Materials', 'Solutions',
  'Ventures', 'Data', 'Payments', 'Commerce', 'Motors', 'Textiles', 'Architects', 'Engineering', 'Interactive', 'Travel',
];

/** What a supplier sells, by spend category (the category decides the default coding). */
export const SUPPLIER_CATEGORIES: readonly {
  key: string;
  words: readonly string[];
  glAccountCode: string;
  department: string;
  weight: number;
}[] = [
  { key: 'hosting', words: ['Cloud', 'Hosting', 'Datacenter', 'Compute'], glAccountCode: '5000', department: 'ENG', weight: 10 },
  { key: 'cogs_software', words: ['Monitoring', 'Messaging', 'Maps', 'Identity'], glAccountCode: '5100', department: 'ENG', weight: 6 },
  { key: 'software', words: ['Software', 'Apps', 'Digital', 'SaaS'], glAccountCode: '6100', department: 'GA', weight: 14 },
  { key: 'contractors', words: ['Consulting', 'Engineering', 'Dev Studio', 'Partners'], glAccountCode: '6050', department: 'ENG', weight: 10 },
  { key: 'travel', words: ['Travel', 'Hotels', 'Air', 'Events'], glAccountCode: '6200', department: 'SALES', weight: 8 },
  { key: 'marketing', words: ['Marketing', 'Creative', 'Media', 'Advertising'], glAccountCode: '6300', department: 'MKT', weight: 10 },
  { key: 'legal', words: ['Legal', 'Law', 'Advisory', 'Tax Advisors'], glAccountCode: '6400', department: 'FIN', weight: 6 },
  { key: 'facilities', words: ['Properties', 'Facilities', 'Workspace', 'Cleaning'], glAccountCode: '6500', department: 'GA', weight: 8 },
  { key: 'office', words: ['Office Supply', 'Equipment', 'Furniture', 'IT Hardware'], glAccountCode: '6600', department: 'GA', weight: 8 },
  { key: 'recruiting', words: ['Recruiting', 'Talent', 'Staffing', 'Search'], glAccountCode: '6700', department: 'PEOPLE', weight: 6 },
  { key: 'payments', words: ['Payments', 'Bank', 'Card Services', 'Pay'], glAccountCode: '6800', department: 'FIN', weight: 4 },
];

/** First and last names by naming tradition. */
export const PERSON_NAMES: Readonly<Record<string, { first: readonly string[]; last: readonly string[] }>> = {
  en: {
    first: ['James', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Ethan', 'Mia', 'Lucas', 'Grace', 'Ryan', 'Chloe', 'Nathan', 'Zoe', 'Aaron', 'Megan', 'Jordan', 'Rachel', 'Kevin', 'Laura', 'Aoife', 'Samir'],
    last: ['Smith', 'Johnson', 'Brown', 'Taylor', 'Walker', 'Wright', 'Thompson', 'Hughes', 'Patel', 'Nguyen', 'Kim', 'Garcia', 'Rivera', 'Clarke', 'Evans', 'Murphy', 'Kelly', 'Campbell', 'Foster', 'Bennett', "O'Connor", 'Okoye'],
  },
  de: {
    first: ['Lukas', 'Anna', 'Felix', 'Lea', 'Jonas', 'Laura', 'Paul', 'Sophie', 'Maximilian', 'Marie', 'Leon', 'Hannah', 'Tim', 'Julia', 'Niklas', 'Katharina'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann'],
  },
  fr: {
    first: ['Camille', 'Louis', 'Léa', 'Hugo', 'Manon', 'Jules', 'Chloé', 'Gabriel', 'Inès', 'Arthur', 'Sarah', 'Théo', 'Juliette', 'Nathan', 'Élodie', 'Antoine'],
    last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garnier', 'Rousseau'],
  },
  nl: {
    first: ['Daan', 'Sanne', 'Lars', 'Emma', 'Bram', 'Lotte', 'Thijs', 'Femke', 'Ruben', 'Iris'],
    last: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder'],
  },
  es: {
    first: ['Alejandro', 'Lucía', 'Javier', 'María', 'Pablo', 'Carmen', 'Diego', 'Sofía', 'Sergio', 'Elena'],
    last: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz'],
  },
  it: {
    first: ['Marco', 'Giulia', 'Luca', 'Francesca', 'Alessandro', 'Chiara', 'Matteo', 'Sara', 'Davide', 'Elena'],
    last: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco'],
  },
  sv: {
    first: ['Erik', 'Anna', 'Lars', 'Karin', 'Johan', 'Emma', 'Oskar', 'Maja', 'Anders', 'Elin'],
    last: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Lindberg'],
  },
  sg: {
    first: ['Wei Ming', 'Hui Min', 'Jun Jie', 'Li Ting', 'Arjun', 'Priya', 'Nur Aisyah', 'Muhammad Faiz', 'Rachel', 'Daniel', 'Siew Ling', 'Kumar'],
    last: ['Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong', 'Goh', 'Chua', 'Koh', 'Teo', 'Rahman', 'Pillai'],
  },
};

/** Contact roles on a customer's side. */
export const CONTACT_ROLES: readonly string[] = ['Accounts payable', 'Finance manager', 'Procurement', 'Controller', 'IT administrator', 'Office manager'];
