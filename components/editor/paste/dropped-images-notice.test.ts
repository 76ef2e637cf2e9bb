import { describe, expect, it } from "vitest";

import { droppedImagesNotice } from "./dropped-images-notice";

describe("droppedImagesNotice", () => {
  it("names how many images were left out", () => {
    expect(droppedImagesNotice(1)).toMatch(/^1 image from the pasted text was left out: /);
    expect(droppedImagesNotice(3)).toMatch(/^3 images from the pasted text were left out: /);
    expect(droppedImagesNotice(1200)).toMatch(/^1,200 images /);
  });
});
