/**
 * Preset texts for the fine-tune (public domain): Shakespeare, Sonnets 18, 116 and 130 (1609), and
 * the King James Version (1611), Psalms 1, 23 and 121. The prompt of the before/after samples is
 * each text's opening words.
 */
export const PRESETS = {
  sonnets: {
    label: 'Shakespeare, three sonnets',
    prompt: 'Shall I compare thee',
    text: `Shall I compare thee to a summer's day?
Thou art more lovely and more temperate:
Rough winds do shake the darling buds of May,
And summer's lease hath all too short a date;
Sometime too hot the eye of heaven shines,
And often is his gold complexion dimm'd;
And every fair from fair sometime declines,
By chance or nature's changing course untrimm'd;
But thy eternal summer shall not fade,
Nor lose possession of that fair thou ow'st;
Nor shall Death brag thou wander'st in his shade,
When in eternal lines to time thou grow'st:
So long as men can breathe or eyes can see,
So long lives this, and this gives life to thee.
My mistress' eyes are nothing like the sun;
Coral is far more red than her lips' red;
If snow be white, why then her breasts are dun;
If hairs be wires, black wires grow on her head.
I have seen roses damask'd, red and white,
But no such roses see I in her cheeks;
And in some perfumes is there more delight
Than in the breath that from my mistress reeks.
I love to hear her speak, yet well I know
That music hath a far more pleasing sound;
I grant I never saw a goddess go;
My mistress, when she walks, treads on the ground:
And yet, by heaven, I think my love as rare
As any she belied with false compare.
Let me not to the marriage of true minds
Admit impediments. Love is not love
Which alters when it alteration finds,
Or bends with the remover to remove.
O no! it is an ever-fixed mark
That looks on tempests and is never shaken;
It is the star to every wandering bark,
Whose worth's unknown, although his height be taken.
Love's not Time's fool, though rosy lips and cheeks
Within his bending sickle's compass come;
Love alters not with his brief hours and weeks,
But bears it out even to the edge of doom.
If this be error and upon me proved,
I never writ, nor no man ever loved.
`,
  },
  psalms: {
    label: 'King James Bible, Psalms 1, 23, 121',
    prompt: 'The LORD is',
    text: `Blessed is the man that walketh not in the counsel of the ungodly, nor standeth in the way of sinners, nor sitteth in the seat of the scornful.
But his delight is in the law of the LORD; and in his law doth he meditate day and night.
And he shall be like a tree planted by the rivers of water, that bringeth forth his fruit in his season; his leaf also shall not wither; and whatsoever he doeth shall prosper.
The ungodly are not so: but are like the chaff which the wind driveth away.
Therefore the ungodly shall not stand in the judgment, nor sinners in the congregation of the righteous.
For the LORD knoweth the way of the righteous: but the way of the ungodly shall perish.
The LORD is my shepherd; I shall not want.
He maketh me to lie down in green pastures: he leadeth me beside the still waters.
He restoreth my soul: he leadeth me in the paths of righteousness for his name's sake.
Yea, though I walk through the valley of the shadow of death, I will fear no evil: for thou art with me; thy rod and thy staff they comfort me.
Thou preparest a table before me in the presence of mine enemies: thou anointest my head with oil; my cup runneth over.
Surely goodness and mercy shall follow me all the days of my life: and I will dwell in the house of the LORD for ever.
I will lift up mine eyes unto the hills, from whence cometh my help.
My help cometh from the LORD, which made heaven and earth.
He will not suffer thy foot to be moved: he that keepeth thee will not slumber.
Behold, he that keepeth Israel shall neither slumber nor sleep.
The LORD is thy keeper: the LORD is thy shade upon thy right hand.
The sun shall not smite thee by day, nor the moon by night.
The LORD shall preserve thee from all evil: he shall preserve thy soul.
The LORD shall preserve thy going out and thy coming in from this time forth, and even for evermore.
`,
  },
} as const;

/** Fewest characters of an own paragraph worth training on (train + held-out split). */
export const OWN_MIN = 200;

/** The text and sample prompt a state selects; `tooShort` when an own paragraph is under OWN_MIN. */
export function chosenText(kind: 'sonnets' | 'psalms' | 'own', own: string): { text: string; prompt: string; tooShort: boolean } {
  if (kind !== 'own') return { text: PRESETS[kind].text, prompt: PRESETS[kind].prompt, tooShort: false };
  const prompt = own.trim().split(/\s+/).slice(0, 3).join(' ');
  return { text: own, prompt, tooShort: [...own.trim()].length < OWN_MIN };
}
