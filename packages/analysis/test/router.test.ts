import { describe, expect, expectTypeOf, it } from 'vitest';
import { AnalysisRouter, environmentMap, type AnalysisContext, type CustomButtonScope } from '../src/index.js';

const context = (env: Record<string, string>) =>
  ({ env: environmentMap(Object.entries(env).map(([key, value]) => ({ key, value }))) }) as unknown as AnalysisContext;

describe('AnalysisRouter', () => {
  it('runs the first matching route, awaited, by widget exec, button id or action', async () => {
    const ran: string[] = [];
    const router = new AnalysisRouter()
      .onWidget('insert', async () => void ran.push('insert'))
      .onDeviceListButton('btn-reset', (_, scope) => {
        expectTypeOf(scope).toEqualTypeOf<CustomButtonScope[]>();
        ran.push(`reset ${scope[0]!.device}`);
      })
      .onInputFormButton('form-save', () => void ran.push('form'))
      .onAction(() => void ran.push('action'));
    await router.handler(context({ _widget_exec: 'insert' }), [{ variable: 'x' }]);
    await router.handler(context({ _widget_exec: 'btn-reset' }), [
      { displayValue: 'Reset', property: 'p', device: 'd1', device_list_button_id: 'btn-reset' },
    ]);
    await router.handler(context({}), [{ variable: 'name', input_form_button_id: 'form-save' }]);
    await router.handler(context({ _action_type: 'schedule' }), []);
    expect(ran).toEqual(['insert', 'reset d1', 'form', 'action']);
  });

  it('refuses a trigger no route matches, unless otherwise is set', async () => {
    const router = new AnalysisRouter().onWidget('delete', () => undefined).onUserListButton('b1', () => undefined);
    await expect(router.handler(context({ _widget_exec: 'edit' }), [])).rejects.toMatchObject({
      name: 'AnalysisRouteError',
      code: 'analysis_no_route',
      message: 'No route matches this trigger (routes: widget delete, user list button b1)',
    });
    let fallback = false;
    await router
      .otherwise(() => {
        fallback = true;
      })
      .handler(context({}), []);
    expect(fallback).toBe(true);
  });
});
