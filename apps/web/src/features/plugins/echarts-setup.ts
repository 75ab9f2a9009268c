// The parts of ECharts the report viewer draws with: the core, the series types and components the
// chart reports use, and the SVG renderer (crisp at any zoom, and its output is the page's own DOM).
// Loaded on demand by InteractiveChart, so pages without charts never download ECharts.
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  AxisPointerComponent,
  DatasetComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

let registered = false;

/** Registers the parts once and returns ECharts' `init`. Keep the series in SUPPORTED_SERIES in step. */
export function echartsInit(): typeof init {
  if (!registered) {
    use([
      BarChart,
      LineChart,
      PieChart,
      ScatterChart,
      AxisPointerComponent,
      DatasetComponent,
      GraphicComponent,
      GridComponent,
      LegendComponent,
      MarkAreaComponent,
      MarkLineComponent,
      MarkPointComponent,
      TitleComponent,
      TooltipComponent,
      SVGRenderer,
    ]);
    registered = true;
  }
  return init;
}
