/** The slug of a hub or an item: lowercase letters, digits and dashes, starting with a letter or digit. */
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;
