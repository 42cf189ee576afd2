import { TagoError } from '@tagokit/core';
import type { AnalysisContext, AnalysisHandler } from './index.ts';

/**
 * Scope shapes by trigger, from the official router's types and predicates (JS SDK `src/modules/Utils/router`).
 * Fields TagoIO may leave out are optional; unknown extra fields pass through.
 */
export interface DataRecordScope {
  variable: string;
  value?: string | number | boolean;
  unit?: string;
  group?: string;
  /** Old name of `group`. */
  serie?: string;
  device?: string;
  time?: string;
  metadata?: Record<string, unknown>;
  /** Set when an input-form widget's button sent the record. */
  input_form_button_id?: string;
  [field: string]: unknown;
}

/** A Device List row (`param.<key>` and `tags.<key>` columns; `old` holds the values before an edit). */
export interface DeviceListScope {
  device: string;
  name?: string;
  old?: Record<string, unknown>;
  [column: `param.${string}` | `tags.${string}`]: unknown;
}

/** A User List row. */
export interface UserListScope {
  user: string;
  name?: string;
  old?: Record<string, unknown>;
  [column: string]: unknown;
}

/** A custom button of a Device List or User List. */
export interface CustomButtonScope {
  displayValue: string;
  property: string;
  device?: string;
  user?: string;
  group?: string;
  variable?: string;
  value?: unknown;
  device_list_button_id?: string;
  user_list_button_id?: string;
}

/** `_widget_exec` values of widget edits (a button id otherwise). */
export type WidgetExec = 'insert' | 'edit' | 'delete';

type Typed<S> = (context: AnalysisContext, scope: S[]) => unknown;
type Route = {
  describe: string;
  matches: (context: AnalysisContext, scope: unknown[]) => boolean;
  run: AnalysisHandler;
};

/** No route matched the trigger (the official router silently did nothing). */
export class AnalysisRouteError extends TagoError {
  override readonly name: string = 'AnalysisRouteError';
}

const first = (scope: unknown[]): Record<string, unknown> | undefined => {
  const item = scope[0];
  return item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : undefined;
};

/**
 * A small typed router: the first route that matches the trigger runs (awaited); none matching is an
 * AnalysisRouteError unless `otherwise` is set. `router.handler` goes to runAnalysis.
 */
export class AnalysisRouter {
  readonly #routes: Route[] = [];
  #fallback: AnalysisHandler | undefined;

  /** A widget insert, edit or delete (`_widget_exec`). */
  onWidget(exec: WidgetExec, run: Typed<DataRecordScope | DeviceListScope | UserListScope>): this {
    return this.#add(`widget ${exec}`, (c) => c.env['_widget_exec'] === exec, run as AnalysisHandler);
  }

  /** An input-form button (the records' `input_form_button_id`). */
  onInputFormButton(buttonId: string, run: Typed<DataRecordScope>): this {
    const matches = (_: AnalysisContext, s: unknown[]) => first(s)?.['input_form_button_id'] === buttonId;
    return this.#add(`input form button ${buttonId}`, matches, run as AnalysisHandler);
  }

  /** A Device List custom button (`device_list_button_id`). */
  onDeviceListButton(buttonId: string, run: Typed<CustomButtonScope>): this {
    const matches = (_: AnalysisContext, s: unknown[]) => first(s)?.['device_list_button_id'] === buttonId;
    return this.#add(`device list button ${buttonId}`, matches, run as AnalysisHandler);
  }

  /** A User List custom button (`user_list_button_id`). */
  onUserListButton(buttonId: string, run: Typed<CustomButtonScope>): this {
    const matches = (_: AnalysisContext, s: unknown[]) => first(s)?.['user_list_button_id'] === buttonId;
    return this.#add(`user list button ${buttonId}`, matches, run as AnalysisHandler);
  }

  /** An action run (`_action_type` in the environment); scheduled actions included. */
  onAction(run: Typed<DataRecordScope>): this {
    return this.#add('action', (c) => c.env['_action_type'] !== undefined, run as AnalysisHandler);
  }

  /** What runs when no route matches (instead of an AnalysisRouteError). */
  otherwise(run: AnalysisHandler): this {
    this.#fallback = run;
    return this;
  }

  get handler(): AnalysisHandler {
    return async (context, scope) => {
      const route = this.#routes.find((r) => r.matches(context, scope));
      if (route) return await route.run(context, scope);
      if (this.#fallback) return await this.#fallback(context, scope);
      const routes = this.#routes.map((r) => r.describe).join(', ') || 'none';
      throw new AnalysisRouteError(`No route matches this trigger (routes: ${routes})`, 'analysis_no_route');
    };
  }

  #add(describe: string, matches: Route['matches'], run: AnalysisHandler): this {
    this.#routes.push({ describe, matches, run });
    return this;
  }
}
