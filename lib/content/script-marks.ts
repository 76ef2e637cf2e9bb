/**
 * Superscript and subscript: footnote markers ("1"), ordinals ("1st"), units ("m²", "CO₂").
 * Without them a pasted "footnote<sup>1</sup>" became the word "footnote1".
 *
 * Google Docs does not write <sup>/<sub>; it sets `vertical-align: super|sub` on a span, so the
 * style is parsed too. The two exclude each other: text is raised or lowered, not both.
 */
import { Mark } from "@tiptap/core";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    superscript: {
      toggleSuperscript: () => ReturnType;
    };
    subscript: {
      toggleSubscript: () => ReturnType;
    };
  }
}

function verticalAlign(value: string) {
  return (style: string) => (style.trim().toLowerCase() === value ? null : false);
}

export const Superscript = Mark.create({
  name: "superscript",
  excludes: "subscript",

  parseHTML() {
    return [{ tag: "sup" }, { style: "vertical-align", getAttrs: verticalAlign("super") }];
  },

  renderHTML() {
    return ["sup", 0];
  },

  addCommands() {
    return {
      toggleSuperscript:
        () =>
        ({ commands }) =>
          commands.toggleMark(this.name),
    };
  },

  // The shortcuts Google Docs uses, which is what newsroom writers already have in their fingers.
  addKeyboardShortcuts() {
    return { "Mod-.": () => this.editor.commands.toggleSuperscript() };
  },
});

export const Subscript = Mark.create({
  name: "subscript",
  excludes: "superscript",

  parseHTML() {
    return [{ tag: "sub" }, { style: "vertical-align", getAttrs: verticalAlign("sub") }];
  },

  renderHTML() {
    return ["sub", 0];
  },

  addCommands() {
    return {
      toggleSubscript:
        () =>
        ({ commands }) =>
          commands.toggleMark(this.name),
    };
  },

  addKeyboardShortcuts() {
    return { "Mod-,": () => this.editor.commands.toggleSubscript() };
  },
});
