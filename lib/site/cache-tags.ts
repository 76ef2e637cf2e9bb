/** Cache tags of the public site, kept beside the data they label. */
export const HOME_TAG = "home";
export const storyTag = (storyId: string) => `story:${storyId}`;
export const sectionTag = (sectionId: string) => `section:${sectionId}`;
export const pathTag = (path: string) => `path:${path}`;
