/** One figure. `baseline` is the comparison measured in the same run; `ratio` = value / baseline. */
export interface BenchEntry {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  notes?: string;
}

export interface BenchSuite {
  name: string;
  run(): Promise<BenchEntry[]>;
}
