import { describe, expect, it } from "vitest";
import { formValues } from "./form-state";

describe("formValues", () => {
  it("keeps text fields and drops files, omitted fields and Next's $ACTION fields", () => {
    const form = new FormData();
    form.append("name", "Rita");
    form.append("password", "secret");
    form.append("$ACTION_ID_abc", "");
    form.append("file", new Blob(["x"]), "x.txt");
    expect(formValues(form, ["password"])).toEqual({ name: "Rita" });
  });

  it("drops NULs and repairs unpaired surrogates, which PostgreSQL cannot store (a forged post would get a 500)", () => {
    const form = new FormData();
    form.append("name", "\u0000<script>");
    form.append("body", "broken \ud800 pair");
    expect(formValues(form)).toEqual({ name: "<script>", body: "broken \ufffd pair" });
  });
});
