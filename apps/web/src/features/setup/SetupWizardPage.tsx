import { Alert, Button, Code, Group, PasswordInput, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { PASSWORD_RULES_TEXT } from '@steppingstones/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { CenteredCard } from '../../components/CenteredCard.tsx';
import { FormError } from '../../components/QueryState.tsx';
import { isApiError } from '../../lib/api-error.ts';
import { useSchemaForm } from '../../lib/form.ts';
import { EngagementFields } from '../engagements/EngagementFields.tsx';
import { TimezoneSelect } from '../preferences/TimezoneSelect.tsx';
import { checkSetupToken, completeSetup, SETUP_KEY } from './setup-api.ts';
import {
  FIELD_STEP,
  initialSetupValues,
  SERVER_FIELD_ALIASES,
  type SetupValues,
  STEP_SCHEMAS,
  setupRequest,
} from './setup-form.ts';

/** First run: setup token → first engagement → first administrator, sent as one request. */
export function SetupWizardPage() {
  const [step, setStepState] = useState(0);
  // The form validates the current step only; its resolver reads the step from here.
  const stepRef = useRef(0);
  const setStep = (s: number) => {
    stepRef.current = s;
    setStepState(s);
  };
  const form = useSchemaForm(() => STEP_SCHEMAS[stepRef.current]!, initialSetupValues());
  const queryClient = useQueryClient();

  const submit = useMutation({
    mutationFn: (values: SetupValues) => completeSetup(setupRequest(values)),
    // The gate then leaves the wizard for the login page, which says what to do next.
    onSuccess: () => queryClient.setQueryData(SETUP_KEY, { needed: false, justCompleted: true }),
    onError: (error) => {
      if (isApiError(error, 409)) {
        queryClient.setQueryData(SETUP_KEY, { needed: false });
        return;
      }
      if (isApiError(error, 403)) {
        form.setErrors({ token: error.message });
        setStep(0);
        return;
      }
      form.showError(error, SERVER_FIELD_ALIASES);
      const steps = isApiError(error)
        ? error.fields.map((f) => FIELD_STEP[SERVER_FIELD_ALIASES[f.field] ?? f.field])
        : [];
      const first = Math.min(...steps.filter((s): s is number => s !== undefined));
      if (Number.isFinite(first)) setStep(first);
    },
  });

  // The token is checked on its own step, so a mistyped one is not found only after two more steps.
  const tokenCheck = useMutation({
    mutationFn: (token: string) => checkSetupToken(token),
    onSuccess: (result) => {
      if (!result.needed) queryClient.setQueryData(SETUP_KEY, { needed: false });
      else if (result.valid) setStep(1);
      else
        form.setErrors({
          token: 'This is not the setup token. Copy it from the server output or the setup-token file.',
        });
    },
    onError: (error) => form.showError(error),
  });

  const next = (values: SetupValues) => {
    if (step === 0) tokenCheck.mutate(values.token);
    else if (step < 2) setStep(step + 1);
    else submit.mutate(values);
  };

  return (
    <CenteredCard
      title="Welcome: let's set up Stepping Stones"
      subtitle="Three short steps create the first engagement and the administrator account."
      width={640}
    >
      <form onSubmit={form.onSubmit(next)} noValidate>
        <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm" mb="xl">
          <Stepper.Step label="Setup token">
            <Stack gap="md" mt="md">
              <Text size="sm">
                The server printed a one-time setup token when it started; it is also in the file{' '}
                <Code>setup-token</Code> of its data directory.
              </Text>
              <TextInput
                label="Setup token"
                {...form.getInputProps('token')}
                required
                autoFocus
                autoComplete="off"
                spellCheck={false}
                className="mono-input"
              />
            </Stack>
          </Stepper.Step>
          <Stepper.Step label="First engagement">
            <Stack mt="md">
              <EngagementFields form={form} />
            </Stack>
          </Stepper.Step>
          <Stepper.Step label="Administrator">
            <Stack gap="md" mt="md">
              <Text size="sm" c="dimmed">
                This account can do everything, and appears as the operator on the events it logs, so use your
                real name.
              </Text>
              <TextInput
                label="Username"
                autoComplete="username"
                {...form.getInputProps('username')}
                required
              />
              <PasswordInput
                label="Password"
                description={PASSWORD_RULES_TEXT}
                autoComplete="new-password"
                {...form.getInputProps('password')}
                required
              />
              <PasswordInput
                label="Password again"
                autoComplete="new-password"
                {...form.getInputProps('confirm')}
                required
              />
              <TimezoneSelect
                value={form.values.timezone}
                onChange={(z) => form.setFieldValue('timezone', z)}
                error={form.errors.timezone}
                description="Detected from your browser."
              />
            </Stack>
          </Stepper.Step>
        </Stepper>
        <Stack gap="md">
          <FormError message={form.formError} />
          {step === 2 && (
            <Alert variant="light" color="indigo">
              You will sign in with this account next; you are not signed in automatically.
            </Alert>
          )}
          <Group justify="space-between">
            <Button
              variant="default"
              onClick={() => setStep(step - 1)}
              disabled={step === 0 || submit.isPending}
            >
              Back
            </Button>
            <Button type="submit" loading={submit.isPending || tokenCheck.isPending}>
              {step < 2 ? 'Next' : 'Create engagement and administrator'}
            </Button>
          </Group>
        </Stack>
      </form>
    </CenteredCard>
  );
}
