/**
 * Someone else saved first: show both versions side by side and let the person choose.
 * Nothing is overwritten unless they pick "Save mine over theirs".
 */
import { Dialog } from "./dialog.tsx";

export interface Conflict {
  /** Field label → [what you typed, what is saved now], for the fields that differ. */
  differences: { field: string; mine: string; theirs: string }[];
  keepTheirs: () => void;
  useMine: () => void;
}

export function ConflictDialog({ conflict, onClose }: { conflict: Conflict | null; onClose: () => void }) {
  return (
    <Dialog open={conflict !== null} title="Someone else saved this first" onClose={onClose}>
      {conflict && (
        <>
          <p>While you were editing, another change was saved. Compare the two and choose which to keep.</p>
          <div className="table-scroll">
            <table className="data-table compact">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Your change</th>
                  <th scope="col">Saved now</th>
                </tr>
              </thead>
              <tbody>
                {conflict.differences.map((d) => (
                  <tr key={d.field}>
                    <th scope="row">{d.field}</th>
                    <td>{d.mine}</td>
                    <td>{d.theirs}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="actions">
            <button type="button" className="button" onClick={conflict.keepTheirs}>
              Keep theirs
            </button>
            <button type="button" className="button secondary" onClick={conflict.useMine}>
              Save mine over theirs
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
