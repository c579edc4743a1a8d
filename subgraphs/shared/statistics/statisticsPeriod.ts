// What the employee and absence subgraphs' statistics of one period share: the release rule over the
// period's tree, the per-unit measures worked out once, and each scope's answer kept, so the "bars per
// unit" question and a repeated one cost nothing more. A computation that failed is not kept: the
// next question tries again.
import type { BoundedPeriod } from '../period.js';
import type { StatisticsScope } from './id.js';
import type { TreeUnit } from './release.js';
import { ScopeRelease } from './scopeRelease.js';

export abstract class StatisticsPeriod<Measures, Figures> {
  protected readonly release: ScopeRelease;
  private measures?: Promise<Measures>;
  private readonly answers = new Map<string, Promise<Figures>>();

  constructor(
    readonly period: BoundedPeriod,
    readonly tree: readonly TreeUnit[],
    readonly minimum: number,
  ) {
    this.release = new ScopeRelease(tree, minimum);
  }

  figures(scope: StatisticsScope): Promise<Figures> {
    const key = `${scope.unit ?? ''}|${scope.includeSubtree}`;
    let answer = this.answers.get(key);
    if (!answer) {
      this.answers.set(key, (answer = this.unitMeasures().then((measures) => this.answer(scope, measures))));
      answer.catch(() => this.answers.delete(key));
    }
    return answer;
  }

  private unitMeasures(): Promise<Measures> {
    if (!this.measures) {
      this.measures = this.measureUnits();
      this.measures.catch(() => (this.measures = undefined));
    }
    return this.measures;
  }

  /** Every measure the period's answers need, per unit (walked with eachYielding: it covers every employment). */
  protected abstract measureUnits(): Promise<Measures>;

  /** The figures of one scope from the period's measures. */
  protected abstract answer(scope: StatisticsScope, measures: Measures): Promise<Figures>;
}
