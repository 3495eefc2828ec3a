// Given names common in the Netherlands (children born since about 2005 and the adults who teach them), written
// without accents in lower case. A first name on this list does not identify a child by itself in a caption:
// there are thousands of them. Source: the most given names of recent years (SVB / Meertens Instituut lists) and
// common adult names; the list need not be complete — a name missing from it is only flagged when it is rare in
// the school's own registry too (see shared/captionCheck.ts).
const NAMES = `
noah sem liam lucas daan finn levi luuk mees milan bram jesse thomas sam thijs adam james max julian lars ruben tim
teun jayden jens stijn gijs tijn ties mason hugo siem boaz olivier niek dex jack benjamin noud otis luca mats guus jan
pieter kees joris thijmen jurre floris mohammed mohamed muhammed ahmed ali omar yusuf emir david daniel jasper koen
wouter tom rick mark peter paul erik hans willem johan dirk kevin dennis robin sander bas niels martijn jeroen michiel
vincent bart frank rob marco michel patrick ronald arjen henk gerrit maarten stefan sven job hidde sep jip sil morris
vince fedde pepijn lenn ryan jake sami youssef ayoub ibrahim elias jonas jelle rens timo twan wessel wout thijn joep
joost mick nick roy jim jort kai kay collin dylan justin sebastiaan alexander nathan oliver charlie leon felix victor
tobias quinn luc ian ivo kasper marcel rene richard roel rutger steven ton wim cor jaap jeroen joop hendrik jacob
emma julia mila tess sophie zoe sara sarah nora yara eva liv lotte evi saar anna lisa fenna noor lieke fleur olivia
roos sanne isa lynn femke jasmijn fay maud esmee nova luna elin lina ella lauren vera amy zara mia sofie fien floor
nina iris lara elise ilse anouk britt demi kim laura lisanne marloes mirthe naomi puck romy sterre suus hanna hannah
emily charlotte isabella amber linde evy jill merel nienke marit bo ivy lizzy lana hailey maria marieke anne annemiek
ingrid monique petra sandra linda ellen esther karin marjolein mirjam wendy bianca manon judith inge saskia joyce
danielle chantal sabine elif fatima aya yasmina salma noa jade eline elena meike lois amira ilse jolien kiki lieve
loes maaike margot marleen mieke nadia nicole patricia renate rianne sabrina sylvia tamara yvonne annelies astrid
carla daphne denise diana dominique eveline gerda hilde jacqueline janneke jet josephine julie kirsten lotte mara
marjan martine melissa michelle miriam mirte nadine nathalie nikki noortje rosa sophia stephanie tessa valerie
`;

export const COMMON_GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
