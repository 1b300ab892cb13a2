/** Spanish function words (written with accents; folded like every token). */
export const es = `a al algo alguna algunas alguno algunos ante antes aquel aquella aquí así aún aunque bajo bien cada casi
como con contra cual cuales cuando cuanto de del desde donde dos durante e el él ella ellas ello ellos en entre era eran
es esa esas ese eso esos esta está están estaba estaban estas este esto estos fue fueron ha habían había han hasta hace
hacia hay la las le les lo los más me mi mientras mismo misma mucho muy nada ni no nos nosotros o os otra otras otro
otros para pero poco por porque pues que qué quien quienes se sea según ser si sí sido siempre sin sino sobre son su sus
también tan tanto te tiene tienen todo toda todas todos tras tu tú u un una unas uno unos usted ustedes va van ya yo
año años dijo puede pueden vez veces además cuenta hoy ayer`;
