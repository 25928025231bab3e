// A uPlot chart in a React component: made when its options change, fed new data in place (a zoom survives a
// refresh), as wide as its container, and destroyed with it. What the plot reports back (cursor, zoom) reaches
// the component through the hooks its options carry.
import { useEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type PlotOptions = Omit<uPlot.Options, 'width' | 'height'>;

/**
 * `build` makes the options from the container (so colours can come from its CSS); give it a stable identity
 * (useCallback): a new one makes a new chart. The data may change on every render without that.
 */
export function useUplot(
  container: RefObject<HTMLElement | null>,
  build: (el: HTMLElement) => PlotOptions,
  data: uPlot.AlignedData,
  height: number,
): RefObject<uPlot | null> {
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);

  // Declared first, so a render that changes both data and options makes the new chart with the new data.
  useEffect(() => {
    latest.current = data;
  }, [data]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const made = new uPlot({ ...build(el), width: el.clientWidth, height }, latest.current, el);
    plot.current = made;
    const resize = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientWidth !== made.width) made.setSize({ width: el.clientWidth, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      made.destroy();
      if (plot.current === made) plot.current = null;
    };
  }, [container, build, height]);

  useEffect(() => {
    const made = plot.current;
    if (!made || made.data === data) return;
    const { min, max } = made.scales.x ?? {};
    const xs = made.data[0];
    const zoomed = min != null && max != null && xs.length > 0 && (min > xs[0]! || max < xs[xs.length - 1]!);
    made.setData(data);
    if (zoomed) made.setScale('x', { min, max });
  }, [data]);

  return plot;
}
