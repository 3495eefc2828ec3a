// The photo canvas: the preview with what lies over it, and drawing a missed face on it.
import { useEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { Box } from '../../../../../shared/geometry';
import { useI18n } from '../../../i18n';

const pct = (value: number) => `${(value * 100).toFixed(3)}%`;
/** Where a normalised box lies on the preview, as CSS. */
export const boxStyle = (box: Box) => ({ left: pct(box.x), top: pct(box.y), width: pct(box.w), height: pct(box.h) });

/** The preview image with its overlays; in draw mode a box to drag with the mouse or move with the keys. */
export function PhotoCanvas({
  src,
  alt,
  aspect,
  draft,
  onDraft,
  onSaveDraft,
  children,
}: {
  src: string | null;
  alt: string;
  aspect: number;
  draft: Box | null;
  onDraft: (box: Box | null) => void;
  onSaveDraft: (box: Box) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const frame = useRef<HTMLDivElement>(null);
  const draftRef = useRef<HTMLDivElement>(null);
  const dragStart = useRef<{ x: number; y: number } | null>(null);
  const drawing = draft !== null;
  useEffect(() => {
    if (drawing) draftRef.current?.focus();
  }, [drawing]);

  const point = (event: MouseEvent) => {
    const rect = frame.current!.getBoundingClientRect();
    return {
      x: Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width)),
      y: Math.min(1, Math.max(0, (event.clientY - rect.top) / rect.height)),
    };
  };
  const fromDrag = (a: { x: number; y: number }, b: { x: number; y: number }): Box => ({
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    w: Math.abs(a.x - b.x),
    h: Math.abs(a.y - b.y),
  });

  function onKeyDown(event: KeyboardEvent) {
    if (!draft) return;
    const step = 0.01;
    const clamp = (box: Box): Box => {
      const w = Math.min(1, Math.max(0.01, box.w));
      const h = Math.min(1, Math.max(0.01, box.h));
      return { x: Math.min(1 - w, Math.max(0, box.x)), y: Math.min(1 - h, Math.max(0, box.y)), w, h };
    };
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      onDraft(
        clamp(
          event.shiftKey
            ? { ...draft, w: draft.w + move[0], h: draft.h + move[1] }
            : { ...draft, x: draft.x + move[0], y: draft.y + move[1] },
        ),
      );
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onSaveDraft(draft);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onDraft(null);
    }
  }

  return (
    <div className="photo-frame-wrap">
      <div
        ref={frame}
        className={`photo-frame${drawing ? ' drawing' : ''}`}
        style={{ aspectRatio: String(aspect) }}
        onMouseDown={(event) => {
          if (!drawing) return;
          event.preventDefault();
          dragStart.current = point(event);
        }}
        onMouseMove={(event) => {
          if (!drawing || !dragStart.current) return;
          onDraft(fromDrag(dragStart.current, point(event)));
        }}
        onMouseUp={(event) => {
          if (!drawing || !dragStart.current) return;
          const box = fromDrag(dragStart.current, point(event));
          dragStart.current = null;
          if (box.w > 0.005 && box.h > 0.005) onDraft(box);
          draftRef.current?.focus();
        }}
      >
        {src && <img src={src} alt={alt} draggable={false} />}
        {children}
        {draft && (
          <div
            ref={draftRef}
            className="draft-box"
            style={boxStyle(draft)}
            tabIndex={0}
            role="application"
            aria-label={t('ui.photo.draw.area')}
            onKeyDown={onKeyDown}
          />
        )}
      </div>
      {draft && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => onSaveDraft(draft)}>
            {t('ui.photo.draw.save')}
          </button>
          <button type="button" onClick={() => onDraft(null)}>
            {t('ui.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
