import { Prng } from './prng';

/** A demo account; `password` is hashed before it is stored. */
export interface SeedUser {
  username: string;
  email: string;
  password: string;
  isStaff: boolean;
  dateJoined: Date;
}

/** A demo category. */
export interface SeedCategory {
  name: string;
  slug: string;
}

/**
 * A demo product; `categoryIndex` points into {@link SeedData.categories}, `tags` names tags of
 * {@link SeedData.tags}.
 */
export interface SeedProduct {
  name: string;
  description: string;
  price: string;
  inStock: boolean;
  tags: string[];
  createdAt: Date;
  categoryIndex: number;
}

/** A demo review; the indexes point into {@link SeedData.products} and {@link SeedData.users}. */
export interface SeedReview {
  productIndex: number;
  authorIndex: number;
  rating: number;
  comment: string;
  createdAt: Date;
}

/** Everything the example app seeds, with references by list index instead of database ids. */
export interface SeedData {
  users: SeedUser[];
  categories: SeedCategory[];
  /** Tag names, in id order. */
  tags: string[];
  products: SeedProduct[];
  reviews: SeedReview[];
}

/** The seed of the demo data: change it and every fresh database gets different data. */
export const DEFAULT_SEED = 20250101;

/** Tags a product may carry, in id order (`new` is tag 1), as a product lists them. */
export const PRODUCT_TAGS = ['new', 'sale', 'bestseller', 'eco', 'gift', 'limited', 'imported'];

const PRODUCT_COUNT = 200;
const REVIEW_COUNT = 1000;
const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_SECONDS = 365 * 24 * 3600;
const REVIEW_DELAY_SECONDS = { min: 3600, max: 90 * 24 * 3600 };

function demoUser(username: string, isStaff: boolean, dateJoined: string): SeedUser {
  return {
    username,
    email: `${username}@example.com`,
    password: `${username}-password`,
    isStaff,
    dateJoined: new Date(dateJoined),
  };
}

// Fixed join dates, before the first product, rather than whenever the database was seeded.
const USERS: SeedUser[] = [
  demoUser('admin', true, '2024-12-01T09:00:00Z'),
  demoUser('alice', false, '2024-12-10T14:30:00Z'),
  demoUser('bob', false, '2024-12-20T18:45:00Z'),
];

const NOUNS: Record<string, readonly string[]> = {
  Books: ['Novel', 'Cookbook', 'Atlas', 'Biography', 'Anthology', 'Guide', 'Journal', 'Almanac'],
  Electronics: [
    'Headphones',
    'Speaker',
    'Charger',
    'Keyboard',
    'Monitor',
    'Router',
    'Camera',
    'Lamp',
  ],
  Garden: ['Shovel', 'Planter', 'Hose', 'Rake', 'Trowel', 'Birdhouse', 'Sprinkler', 'Lantern'],
  Kitchen: ['Kettle', 'Skillet', 'Knife', 'Blender', 'Teapot', 'Grater', 'Whisk', 'Colander'],
  Toys: ['Puzzle', 'Robot', 'Kite', 'Yo-yo', 'Train', 'Dollhouse', 'Spinning Top', 'Blocks'],
};

const ADJECTIVES = [
  'Classic',
  'Compact',
  'Deluxe',
  'Eco',
  'Vintage',
  'Modern',
  'Rustic',
  'Smart',
  'Sturdy',
  'Travel',
  'Premium',
  'Handy',
];

const COMMENTS: Record<number, readonly string[]> = {
  1: ['Broke after a week.', 'Not as described.', 'Would not buy again.'],
  2: ['Disappointing quality.', 'Arrived late and scratched.', 'Works, barely.'],
  3: ['Does the job.', 'Average for the price.', 'Fine, nothing special.'],
  4: ['Good value.', 'Works well, fast delivery.', 'Nice, would recommend.'],
  5: ['Excellent!', 'Exactly what I needed.', 'Best purchase this year.'],
};

// Skewed towards good ratings, as real shop reviews are.
const RATINGS = [1, 2, 3, 3, 4, 4, 4, 5, 5, 5];

/**
 * Builds the example app's demo data: 3 users, 5 categories, 7 tags, 200 products (0 to 3 tags
 * each) and 1,000 reviews. The
 * result depends only on `seed`, so every fresh database gets identical rows (and identical ids,
 * since rows are listed in insertion order, sorted by `createdAt`).
 */
export function buildSeedData(seed: number = DEFAULT_SEED): SeedData {
  const random = new Prng(seed);
  const categoryNames = Object.keys(NOUNS);
  const categories = categoryNames.map((name) => ({ name, slug: name.toLowerCase() }));

  // Distinct adjective+noun names per category, so a search for "kettle" finds kitchen things only.
  const names = categoryNames.map((category) =>
    random.shuffle(
      (NOUNS[category] ?? []).flatMap((noun) =>
        ADJECTIVES.map((adjective) => `${adjective} ${noun}`),
      ),
    ),
  );

  const products: SeedProduct[] = [];
  for (let i = 0; i < PRODUCT_COUNT; i++) {
    const categoryIndex = i % categories.length;
    const category = categoryNames[categoryIndex] ?? '';
    const name = names[categoryIndex]?.[Math.floor(i / categories.length)] ?? `Product ${i + 1}`;
    const cents = random.int(100, 50000);
    const tagCount = random.int(0, 3);
    const tags = random.shuffle(PRODUCT_TAGS).slice(0, tagCount);
    products.push({
      name,
      description: `${name} from our ${category.toLowerCase()} range.`,
      price: (cents / 100).toFixed(2),
      inStock: random.chance(0.8),
      tags: PRODUCT_TAGS.filter((tag) => tags.includes(tag)),
      createdAt: new Date(YEAR_START + random.int(0, YEAR_SECONDS - 1) * 1000),
      categoryIndex,
    });
  }
  products.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  const reviews: SeedReview[] = [];
  for (let i = 0; i < REVIEW_COUNT; i++) {
    const productIndex = random.int(0, products.length - 1);
    const product = products[productIndex];
    const rating = random.pick(RATINGS);
    const delay = random.int(REVIEW_DELAY_SECONDS.min, REVIEW_DELAY_SECONDS.max);
    reviews.push({
      productIndex,
      authorIndex: random.int(0, USERS.length - 1),
      rating,
      comment: random.pick(COMMENTS[rating] ?? ['']),
      createdAt: new Date((product?.createdAt.getTime() ?? YEAR_START) + delay * 1000),
    });
  }
  reviews.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  const users = USERS.map((user) => ({ ...user, dateJoined: new Date(user.dateJoined) }));
  return { users, categories, tags: [...PRODUCT_TAGS], products, reviews };
}
