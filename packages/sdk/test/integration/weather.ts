// The tool the tool tests offer. Its schema is bounded (an enum and a small integer):
// the models' random text fills an unbounded string until something ends it.
import * as z from 'zod';
import { tool } from '../../src/index.js';

/** What `run` was called with, in order; reset it per test. */
export const weatherCalls: { city: string; days: number; toolUseId: string }[] = [];

export const weatherInput = z.object({
  city: z.enum(['Oslo', 'Lima', 'Pune']),
  days: z.int().min(1).max(7),
});

export const getWeather = tool({
  name: 'get_weather',
  description: 'The weather forecast for a city',
  input: weatherInput,
  run: ({ city, days }, { toolUseId }) => {
    weatherCalls.push({ city, days, toolUseId });
    return `${city}: sunny for ${days} days`;
  },
});

/** A llama-server tool-use id: 32 letters and digits, not Anthropic's `toolu_…`. */
export const LLAMA_TOOL_ID = /^[A-Za-z0-9]{32}$/;
