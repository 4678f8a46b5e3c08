/**
 * Name and address material for the demo seed. Deliberately diverse (the app must handle
 * apostrophes, hyphens, accents and short names), and entirely made up in combination.
 */

// prettier-ignore
export const FEMALE_GIVEN_NAMES = [
  'Olivia', 'Emma', 'Sophia', 'Isabella', 'Mia', 'Charlotte', 'Amelia', 'Harper', 'Evelyn',
  'Abigail', 'Emily', 'Ella', 'Grace', 'Chloe', 'Zoe', 'Hannah', 'Lily', 'Nora', 'Ruth',
  'Margaret', 'Linda', 'Patricia', 'Susan', 'Dorothy', 'María', 'Lucía', 'Valentina', 'Camila',
  'Ximena', 'Guadalupe', 'Mei', 'Xiu Ying', 'Yuna', 'Sakura', 'Ji-woo', 'Seo-yeon', 'Linh',
  'Thảo', 'Priya', 'Ananya', 'Aisha', 'Fatima', 'Layla', 'Noor', 'Amara', 'Chiamaka', 'Zanele',
  'Nia', 'Imani', 'Aaliyah', 'Olga', 'Katarzyna', 'Ingrid', 'Siobhan', 'Aoife', 'Renée', 'Zoë',
  'Leilani', 'Malia', 'Ayelet',
] as const;

// prettier-ignore
export const MALE_GIVEN_NAMES = [
  'Liam', 'Noah', 'Oliver', 'Elijah', 'James', 'William', 'Benjamin', 'Lucas', 'Henry',
  'Theodore', 'Jack', 'Samuel', 'Daniel', 'Michael', 'Robert', 'David', 'Joseph', 'Thomas',
  'Charles', 'George', 'José', 'Mateo', 'Santiago', 'Diego', 'Alejandro', 'Javier', 'Wei',
  'Hao', 'Haruto', 'Kenji', 'Min-jun', 'Seo-jun', 'Minh', 'Quang', 'Arjun', 'Rohan', 'Vikram',
  'Omar', 'Yusuf', 'Hamza', 'Karim', 'Chinedu', 'Kwame', 'Tendai', 'Jamal', 'Malik', 'DeShawn',
  'Dmitri', 'Piotr', 'Lars', 'Seán', 'Ciarán', 'Mohammed', 'Kai', 'Keanu', 'Eitan', 'Jean-Luc',
  'Anh', 'Tomás', 'Rafael',
] as const;

// prettier-ignore
export const FAMILY_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson',
  'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark',
  'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green',
  'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell',
  'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers',
  'García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez',
  'Ramírez', 'Torres', 'Flores', 'Rivera', 'Gómez', 'Díaz', 'Cruz', 'Reyes', 'Morales',
  'Ortiz', 'Gutierrez', 'Chávez', 'Nguyen', 'Tran', 'Le', 'Pham', 'Huynh', 'Vo', 'Kim',
  'Lee', 'Park', 'Choi', 'Jung', 'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao',
  'Wu', 'Tanaka', 'Suzuki', 'Sato', 'Watanabe', 'Yamamoto', 'Patel', 'Shah', 'Singh', 'Kumar',
  'Sharma', 'Gupta', 'Reddy', 'Iyer', 'Khan', 'Ali', 'Hassan', 'Haddad', 'Nasser', 'Rahman',
  'Okafor', 'Adeyemi', 'Okonkwo', 'Mensah', 'Boateng', 'Mwangi', 'Dlamini', 'Nkosi', 'Kowalski',
  'Nowak', 'Ivanov', 'Petrov', 'Novak', 'Horvat', 'Larsen', 'Johansson', 'Schmidt', 'Müller',
  'Rossi', 'Russo', 'Ferrari', 'Dubois', 'Moreau', "O'Brien", "O'Connor", 'McCarthy', 'Kelly',
  'Walsh', 'Cohen', 'Levi', 'Friedman', 'Kealoha', 'Begay', 'Yazzie', 'Smith-Jones',
  'Garcia-Lopez', 'Van der Berg', 'De la Cruz',
] as const;

// prettier-ignore
export const STREET_NAMES = [
  'Maple', 'Oak', 'Cedar', 'Pine', 'Elm', 'Willow', 'Birch', 'Walnut', 'Chestnut', 'Spruce',
  'Lake', 'Hill', 'Park', 'River', 'Sunset', 'Highland', 'Washington', 'Lincoln', 'Jefferson',
  'Madison', 'Franklin', 'Church', 'Mill', 'Spring', 'Ridge', 'Meadow', 'Harbor', 'Bay',
  'Ocean', 'Valley',
] as const;

export const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Blvd', 'Ln', 'Dr', 'Ct', 'Pl', 'Way'] as const;

export interface Place {
  city: string;
  postalCode: string;
}

/** Real place names and ZIP codes near each demo clinic; street addresses are invented. */
export const NEW_YORK_PLACES: readonly Place[] = [
  { city: 'New York', postalCode: '10025' },
  { city: 'New York', postalCode: '10031' },
  { city: 'New York', postalCode: '10463' },
  { city: 'Bronx', postalCode: '10458' },
  { city: 'Bronx', postalCode: '10467' },
  { city: 'Yonkers', postalCode: '10701' },
  { city: 'Yonkers', postalCode: '10705' },
  { city: 'Mount Vernon', postalCode: '10550' },
  { city: 'New Rochelle', postalCode: '10801' },
  { city: 'Fort Lee', postalCode: '07024' },
];

export const LOS_ANGELES_PLACES: readonly Place[] = [
  { city: 'Long Beach', postalCode: '90802' },
  { city: 'Long Beach', postalCode: '90813' },
  { city: 'San Pedro', postalCode: '90731' },
  { city: 'Wilmington', postalCode: '90744' },
  { city: 'Torrance', postalCode: '90501' },
  { city: 'Carson', postalCode: '90745' },
  { city: 'Lakewood', postalCode: '90712' },
  { city: 'Signal Hill', postalCode: '90755' },
  { city: 'Gardena', postalCode: '90247' },
  { city: 'Redondo Beach', postalCode: '90277' },
];

export const CHICAGO_PLACES: readonly Place[] = [
  { city: 'Chicago', postalCode: '60614' },
  { city: 'Evanston', postalCode: '60201' },
  { city: 'Skokie', postalCode: '60076' },
];

export const FAMILY_PRACTICE_REASONS = [
  'Annual physical',
  'Follow-up visit',
  'Blood pressure check',
  'Diabetes review',
  'Flu vaccination',
  'Medication review',
  'Back pain',
  'Sore throat',
  'Lab results review',
  'Skin rash',
  'Prenatal check',
  'Travel vaccinations',
] as const;

export const PEDIATRIC_REASONS = [
  'Well-child visit',
  'Immunizations',
  'Ear pain',
  'Fever',
  'Asthma follow-up',
  'Sports physical',
  'Developmental screening',
  'Cough and cold',
  'Allergy review',
  'Newborn check',
] as const;
