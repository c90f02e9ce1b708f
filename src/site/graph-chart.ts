/**
 * The dependency graph drawn: dagre lays the open blockers out left to right (who waits → what it
 * waits on), Observable Plot draws them as SVG. KEPs are boxes that link to their page, SIGs and
 * other parties rounded grey boxes; a cycle's arrows are thick, dashed and labelled "cycle".
 */
import { Graph, layout } from '@dagrejs/dagre';
import * as Plot from '@observablehq/plot';
import { memoChart, toSvg } from './charts.ts';
import type { DependencyGraphModel, GraphNode } from './site-types.ts';

const nodeHeight = 28;
const margin = 12;

interface PlacedNode extends GraphNode {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  cx: number;
  cy: number;
  href: string | null;
}

interface PlacedEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  cycle: boolean;
}

const nodeWidth = (node: GraphNode) => 16 + node.label.length * 7.5;

/** Lays the graph out; null when it has no edges. */
function place(graph: DependencyGraphModel, linkOf: (kep: number) => string) {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: margin, marginy: margin });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: nodeWidth(n), height: nodeHeight });
  for (const e of graph.edges) g.setEdge(e.from, e.to, {}, String(e.blockerId));
  layout(g);
  const nodes: PlacedNode[] = graph.nodes.map((n) => {
    const at = g.node(n.id);
    const w = nodeWidth(n) / 2;
    const h = nodeHeight / 2;
    const href = n.kep !== null ? linkOf(n.kep) : null;
    return { ...n, cx: at.x, cy: at.y, x1: at.x - w, x2: at.x + w, y1: at.y - h, y2: at.y + h, href };
  });
  const edges: PlacedEdge[] = graph.edges.map((e) => {
    const points = g.edge({ v: e.from, w: e.to, name: String(e.blockerId) }).points ?? [];
    const first = points[0] ?? { x: 0, y: 0 };
    const last = points.at(-1) ?? first;
    return { x1: first.x, y1: first.y, x2: last.x, y2: last.y, cycle: e.cycle };
  });
  const size = g.graph();
  return { nodes, edges, width: size.width ?? 200, height: size.height ?? 100 };
}

/** The graph as SVG ('' when there are no open blockers). */
export function graphChart(
  graph: DependencyGraphModel,
  href: (kep: number) => string,
  label: string,
): string {
  if (graph.edges.length === 0) return '';
  return memoChart('graph', [graph, href(0), label], () => drawGraph(graph, href, label));
}

function drawGraph(graph: DependencyGraphModel, href: (kep: number) => string, label: string): string {
  const { nodes, edges, width, height } = place(graph, href);
  const kepNodes = nodes.filter((n) => n.kind === 'kep');
  const otherNodes = nodes.filter((n) => n.kind !== 'kep');
  const cycleEdges = edges.filter((e) => e.cycle);
  return toSvg(
    {
      width: Math.max(320, Math.ceil(width)),
      height: Math.ceil(height),
      margin: 0,
      x: { domain: [0, width], axis: null },
      y: { domain: [0, height], axis: null, reverse: true },
      marks: [
        Plot.arrow(
          edges.filter((e) => !e.cycle),
          { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: '#333', strokeWidth: 1.5, headLength: 10 },
        ),
        Plot.arrow(cycleEdges, {
          x1: 'x1',
          y1: 'y1',
          x2: 'x2',
          y2: 'y2',
          stroke: '#c62828',
          strokeWidth: 3,
          strokeDasharray: '6,3',
          headLength: 12,
        }),
        Plot.text(cycleEdges, {
          x: (d: PlacedEdge) => (d.x1 + d.x2) / 2,
          y: (d: PlacedEdge) => (d.y1 + d.y2) / 2,
          text: () => 'cycle',
          dy: -8,
          fill: '#c62828',
          fontWeight: 'bold',
        }),
        Plot.rect(kepNodes, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: '#e3f2fd', stroke: '#1565c0' }),
        Plot.rect(otherNodes, {
          x1: 'x1',
          x2: 'x2',
          y1: 'y1',
          y2: 'y2',
          fill: '#eeeeee',
          stroke: '#424242',
          strokeDasharray: '3,2',
          rx: 10,
        }),
        Plot.text(nodes, {
          x: 'cx',
          y: 'cy',
          text: 'label',
          href: (d: PlacedNode) => d.href,
          title: (d: PlacedNode) => (d.title ? `${d.label} ${d.title}` : d.label),
          fill: '#111',
        }),
      ],
    },
    label,
    'group',
  );
}
