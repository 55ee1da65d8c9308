import { ChangeDetectionStrategy, Component, ElementRef, OnDestroy, effect, input, viewChild } from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only what the dashboard draws: bars and lines on category × linear axes (tree-shaken).
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
}

export interface ChartData {
  kind: 'bar' | 'line';
  /** Horizontal bars (the funnel). */
  horizontal?: boolean;
  /** Values are shares 0–1, shown as percentages. */
  percent?: boolean;
  labels: string[];
  series: ChartSeries[];
}

/**
 * A Chart.js chart with its text alternative: the canvas is an image whose label
 * summarises the chart, and the same numbers are in a table under a disclosure.
 */
@Component({
  selector: 'app-chart-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .chart-panel { margin: 0; }
    .chart-panel__title { font-weight: 600; margin-bottom: 0.5rem; }
    .chart-panel__canvas { position: relative; }
    .chart-panel__data { margin-top: 0.5rem; }
  `,
  template: `
    <figure class="chart-panel">
      <figcaption class="chart-panel__title" [id]="chartId() + '-title'">{{ heading() }}</figcaption>
      <div class="chart-panel__canvas" [style.height.px]="height()">
        <canvas #canvas role="img" [attr.aria-label]="summary()"></canvas>
      </div>
      <details class="chart-panel__data">
        <summary>Show the numbers<span class="visually-hidden"> of {{ heading() }}</span></summary>
        <div class="table-scroll">
          <table class="table">
            <caption class="visually-hidden">{{ heading() }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ labelHeading() }}</th>
                @for (s of data().series; track s.label) {
                  <th scope="col">{{ s.label }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (label of data().labels; track $index; let i = $index) {
                <tr>
                  <th scope="row">{{ label }}</th>
                  @for (s of data().series; track s.label) {
                    <td>{{ format(s.values[i]) }}</td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  `,
})
export class ChartPanel implements OnDestroy {
  readonly chartId = input.required<string>();
  readonly heading = input.required<string>();
  /** One sentence saying what the chart shows, for screen readers. */
  readonly summary = input.required<string>();
  readonly labelHeading = input('');
  readonly data = input.required<ChartData>();
  readonly height = input(260);

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    effect(() => this.draw(this.data()));
  }

  ngOnDestroy(): void {
    this.chart?.destroy();
    this.chart = null;
  }

  protected format(value: number | undefined): string {
    if (value === undefined || value === null) return '—';
    return this.data().percent ? `${Math.round(value * 100)}%` : String(value);
  }

  private draw(data: ChartData): void {
    this.chart?.destroy();
    const percent = data.percent ?? false;
    const config: ChartConfiguration<'bar' | 'line'> = {
      type: data.kind,
      data: {
        labels: data.labels,
        datasets: data.series.map((s) => ({
          label: s.label,
          data: s.values,
          backgroundColor: s.color,
          borderColor: s.color,
        })),
      },
      options: {
        indexAxis: data.horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: data.series.length > 1 },
          tooltip: { callbacks: percent ? { label: (item) => `${item.dataset.label}: ${Math.round(Number(item.raw) * 100)}%` } : {} },
        },
        scales: {
          // Long category names (assignment titles) are shortened on the axis; the table has them in full.
          [data.horizontal ? 'y' : 'x']: {
            ticks: {
              callback(this: { getLabelForValue(value: number): string }, value: string | number) {
                const label = this.getLabelForValue(Number(value));
                return label.length > 28 ? `${label.slice(0, 27)}…` : label;
              },
            },
          },
          [data.horizontal ? 'x' : 'y']: {
            beginAtZero: true,
            ...(percent ? { max: 1, ticks: { callback: (v: string | number) => `${Math.round(Number(v) * 100)}%` } } : { ticks: { precision: 0 } }),
          },
        },
      },
    };
    this.chart = new Chart(this.canvas().nativeElement, config);
  }
}
