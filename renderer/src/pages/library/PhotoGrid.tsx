// A thumbnail grid that stays smooth at 20,000 photos: only the rows in view (plus a few) are in the DOM, and only
// their decisions are asked for (a cell whose page has not arrived yet shows as loading).
// Hand-rolled windowing rather than a library: fixed-size cells make it a few lines of arithmetic, and the
// keyboard model (a listbox with an active option) needs the same arithmetic anyway.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n';
import { useMediaBase } from '../../components/useMediaBase';
import { statusTone } from './decisions';
import type { PhotoItem } from './usePhotoPages';

const CELL = 168; // px, thumbnail plus gap
const OVERSCAN_ROWS = 3;

export function PhotoGrid({
  label,
  count,
  itemAt,
  onRange,
  active,
  onActive,
  onOpen,
  isPicked,
  onTogglePick,
}: {
  label: string;
  count: number;
  itemAt: (index: number) => PhotoItem | undefined;
  /** The positions in view (plus a few rows): their decisions are wanted. */
  onRange: (first: number, last: number) => void;
  active: number;
  onActive: (index: number) => void;
  onOpen: (index: number) => void;
  isPicked: (hash: string) => boolean;
  /** Picks or unpicks the photo at a position (P, Space, or its star). */
  onTogglePick: (index: number) => void;
}) {
  const { t } = useI18n();
  const mediaBase = useMediaBase();
  const scroller = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 400 });
  const [scrollTop, setScrollTop] = useState(0);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const columns = Math.max(1, Math.floor(size.width / CELL));
  const rows = Math.ceil(count / columns);
  const firstRow = Math.max(0, Math.floor(scrollTop / CELL) - OVERSCAN_ROWS);
  const lastRow = Math.min(rows - 1, Math.ceil((scrollTop + size.height) / CELL) + OVERSCAN_ROWS);
  const visible: number[] = [];
  for (let index = firstRow * columns; index < Math.min(count, (lastRow + 1) * columns); index += 1) {
    visible.push(index);
  }

  const firstIndex = firstRow * columns;
  const lastIndex = Math.min(count, (lastRow + 1) * columns) - 1;
  useEffect(() => {
    if (lastIndex >= firstIndex) onRange(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, onRange]);

  // Keep the active photo in view when it moves by keyboard.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const top = Math.floor(active / columns) * CELL;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + CELL > element.scrollTop + element.clientHeight)
      element.scrollTop = top + CELL - element.clientHeight;
  }, [active, columns]);

  function onKeyDown(event: KeyboardEvent) {
    const pageRows = Math.max(1, Math.floor(size.height / CELL));
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns,
      ArrowUp: -columns,
      PageDown: columns * pageRows,
      PageUp: -columns * pageRows,
    };
    if (event.key in moves) {
      event.preventDefault();
      onActive(Math.max(0, Math.min(count - 1, active + moves[event.key]!)));
    } else if (event.key === 'Home') {
      event.preventDefault();
      onActive(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      onActive(count - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(active);
    } else if ((event.key === 'p' || event.key === 'P' || event.key === ' ') && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      onTogglePick(active);
    }
  }

  const optionId = (index: number) => `photo-option-${index}`;
  return (
    <div
      ref={scroller}
      className="photo-grid"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={visible.includes(active) ? optionId(active) : undefined}
      onKeyDown={onKeyDown}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="photo-grid-inner" style={{ height: rows * CELL }}>
        {visible.map((index) => {
          const item = itemAt(index);
          const position = t('ui.photo.position', { index: index + 1, total: count });
          const place = { top: Math.floor(index / columns) * CELL, left: (index % columns) * CELL };
          if (!item) {
            return (
              <div
                key={`loading-${index}`}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                aria-label={position}
                aria-busy="true"
                className={`photo-cell loading${index === active ? ' active' : ''}`}
                style={place}
              />
            );
          }
          const status = item.decision.status;
          const picked = isPicked(item.photoHash);
          const label = t('ui.library.photoLabel', { file: position, status: t(`ui.status.${status}`) });
          return (
            <div
              key={item.photoHash}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              aria-label={picked ? `${label}, ${t('ui.picks.picked')}` : label}
              data-hash={item.photoHash}
              data-picked={picked ? 'true' : undefined}
              className={`photo-cell ${statusTone(status)}${index === active ? ' active' : ''}${picked ? ' picked' : ''}`}
              style={place}
              onClick={() => {
                onActive(index);
                onOpen(index);
              }}
            >
              {mediaBase && (
                <img
                  src={`${mediaBase}thumbs/${item.photoHash}.webp`}
                  alt=""
                  loading="lazy"
                  draggable={false}
                  onError={(event) => (event.currentTarget.style.visibility = 'hidden')}
                />
              )}
              <span className={`badge ${statusTone(status)}`}>{t(`ui.status.${status}`)}</span>
              <button
                type="button"
                className="pick-toggle"
                tabIndex={-1}
                aria-pressed={picked}
                title={t('ui.picks.toggle')}
                // The grid keeps the keyboard focus: a click on the star does not move it to the button.
                onMouseDown={(event) => event.preventDefault()}
                aria-label={`${t('ui.picks.toggle')}: ${position}`}
                onClick={(event) => {
                  event.stopPropagation();
                  onActive(index);
                  onTogglePick(index);
                }}
              >
                {picked ? '★' : '☆'}
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
