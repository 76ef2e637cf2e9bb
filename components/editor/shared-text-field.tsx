"use client";

import { useLayoutEffect, useRef, type InputHTMLAttributes, type TextareaHTMLAttributes } from "react";
import type * as Y from "yjs";
import { mapOffsetThroughDelta } from "./shared-fields";

type CommonProps = {
  /** The field's shared text; null until the document has arrived (the control is read-only). */
  text: Y.Text | null;
  readOnly: boolean;
  /** This person's edit: the whole new value (written as the smallest change). */
  onText: (next: string) => void;
};

type Props =
  | (CommonProps & { multiline?: false } & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "defaultValue" | "onChange" | "readOnly">)
  | (CommonProps & { multiline: true } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "defaultValue" | "onChange" | "readOnly">);

/**
 * A text input bound to a Y.Text. The browser keeps the value (an uncontrolled control, so no
 * keystroke waits for React); other people's changes are written into it with the caret and
 * selection moved past their text rather than thrown to the end.
 */
export function SharedTextField(props: Props) {
  const { text, readOnly, onText, multiline, ...rest } = props;
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || !text) return;
    element.value = text.toString();
    const observer = (event: Y.YTextEvent) => {
      const next = text.toString();
      if (element.value === next) return;
      const focused = document.activeElement === element;
      const start = element.selectionStart ?? 0;
      const end = element.selectionEnd ?? start;
      const delta = event.delta as Array<{ insert?: unknown; retain?: number; delete?: number }>;
      element.value = next;
      if (focused) element.setSelectionRange(mapOffsetThroughDelta(start, delta), mapOffsetThroughDelta(end, delta));
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  const onInput = (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => onText(event.currentTarget.value);
  const shared = { ref, readOnly: readOnly || !text, onInput, "aria-busy": text ? undefined : true };
  if (multiline) return <textarea {...(rest as TextareaHTMLAttributes<HTMLTextAreaElement>)} {...shared} />;
  return <input {...(rest as InputHTMLAttributes<HTMLInputElement>)} {...shared} />;
}
