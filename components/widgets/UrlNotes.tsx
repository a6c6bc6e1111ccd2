/** The visible note shown when a URL held values we could not use as given. */
export function UrlNotes({ notes, onDismiss }: { notes: readonly string[]; onDismiss?: () => void }) {
  if (notes.length === 0) return null;
  return (
    <div className="url-notes" role="status" data-testid="url-notes">
      <p>
        <strong>Some settings in this link were adjusted:</strong>
      </p>
      <ul>
        {notes.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
      {onDismiss && (
        <button type="button" className="btn btn-small" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
