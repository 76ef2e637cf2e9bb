/** Said wherever a trashed story is refused or shown (commands, pages). */
export const TRASHED_MESSAGE = "This story is in the trash; restore it to work on it again.";
