// The one schema drizzle-kit reads to generate migrations and both drivers
// use at runtime; tables live next to their API models.
export { items } from '../models/item.js';
export { users } from '../models/user.js';
