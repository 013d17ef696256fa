import { Field, Select } from '@fluentui/react-components';
import { useId } from 'react';
import { useStrings } from '../app-context';
import { formatPeriod } from '../format';

/** A labelled month picker (a native select: keyboard- and screen-reader-friendly on every host). */
export function MonthSelect({
  label,
  value,
  periods,
  onChange,
  lang,
  testId,
}: {
  label: string;
  value: string;
  periods: string[];
  onChange: (period: string) => void;
  lang: 'zh-CN' | 'en';
  testId?: string;
}) {
  useStrings();
  const id = useId();
  const options = periods.includes(value) ? periods : [value, ...periods];
  return (
    <Field label={label}>
      <Select id={id} value={value} onChange={(_, d) => onChange(d.value)} data-testid={testId}>
        {options.map((p) => (
          <option key={p} value={p}>
            {formatPeriod(p, lang)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
