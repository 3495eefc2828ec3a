/** What an action achieved, announced to screen readers: a paragraph, or beside buttons (`inline`) a span. */
export function DoneMessage({ message, inline = false }: { message: string | null; inline?: boolean }) {
  if (!message) return null;
  return inline ? (
    <span role="status" className="ok">
      {message}
    </span>
  ) : (
    <p role="status" className="ok">
      {message}
    </p>
  );
}
