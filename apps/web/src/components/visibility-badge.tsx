import { type Visibility, visibilityLabels } from "@convene/domain";

const icons: Record<Visibility, string> = { public: "◯", members: "◐", convenor: "●" };

/** Who can see a record, in words (the glyph is decoration). */
export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  return (
    <span className={`visibility visibility-${visibility}`} title={`Visible to: ${visibilityLabels[visibility]}`}>
      <span aria-hidden="true">{icons[visibility]} </span>
      {visibilityLabels[visibility]}
    </span>
  );
}
